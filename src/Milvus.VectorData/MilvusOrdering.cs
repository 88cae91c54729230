using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>
/// OrderBy for filtered gets. Milvus queries return rows without ORDER BY, so every matching row is read with a query
/// iterator (one MVCC snapshot, pages of 1000) and sorted here; nulls sort first, as in ascending SQL order.
/// </summary>
internal static class MilvusOrdering
{
    private const int PageSize = 1000;

    public static Task<List<IReadOnlyDictionary<string, object?>>> QuerySortedAsync<TRecord>(AsyncMilvusClient client, string collection,
        string filter, IReadOnlyList<string> outputFields, IReadOnlyList<FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition.SortInfo> orderBy,
        CollectionModel model, ConsistencyLevel consistencyLevel, MilvusOperation operation, CancellationToken cancellationToken)
    {
        var keys = orderBy.Select(s => (Field: model.GetDataOrKeyProperty(s.PropertySelector).StorageName, s.Ascending)).ToList();
        return operation.RunAsync("Query", async () =>
        {
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            await foreach (var page in client.QueryIterator(collection, PageSize, filter: filter, outputFields: outputFields,
                options: new QueryIteratorOptions { ConsistencyLevel = consistencyLevel }, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.AddRange(page);
            }
            // A stable sort: ties keep the iterator's primary-key order.
            return rows.OrderBy(r => r, Comparer<IReadOnlyDictionary<string, object?>>.Create((a, b) => Compare(a, b, keys))).ToList();
        });
    }

    private static int Compare(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b, List<(string Field, bool Ascending)> keys)
    {
        foreach (var (field, ascending) in keys)
        {
            var order = Comparer<object?>.Default.Compare(a.GetValueOrDefault(field), b.GetValueOrDefault(field));
            if (order != 0) return ascending ? order : -order;
        }
        return 0;
    }
}
