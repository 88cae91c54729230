using Milvus.Client;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes field names of the collection given with -CollectionName.</summary>
public class FieldNameCompleter : MilvusNameCompleter
{
    protected override string Kind => "field";

    protected override bool NeedsCollection => true;

    /// <summary>Which fields to offer; all of them here.</summary>
    protected virtual bool Accept(FieldSchema field) => !field.IsDynamic;

    protected override async Task<IEnumerable<string>> ListAsync(AsyncMilvusClient client, string? collectionName, CancellationToken cancellationToken)
    {
        CollectionDescription description = await client.DescribeCollectionAsync(collectionName!, cancellationToken: cancellationToken).ConfigureAwait(false);
        return description.Fields.Where(Accept).Select(f => f.Name).ToArray();
    }
}

/// <summary>Completes vector field names (for -AnnsField / -FieldName of index cmdlets).</summary>
public sealed class VectorFieldNameCompleter : FieldNameCompleter
{
    protected override string Kind => "vectorfield";

    protected override bool Accept(FieldSchema field) => field.DataType is DataType.BinaryVector or DataType.FloatVector
        or DataType.Float16Vector or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector;
}

/// <summary>Completes the fields Milvus can group search hits by (-GroupBy): Bool, Int8..Int64 and VarChar scalars.</summary>
public sealed class GroupByFieldNameCompleter : FieldNameCompleter
{
    protected override string Kind => "groupbyfield";

    protected override bool Accept(FieldSchema field) => !field.IsDynamic && field.DataType is DataType.Bool or DataType.Int8
        or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.VarChar;
}
