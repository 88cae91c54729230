using Microsoft.Extensions.VectorData;
using Milvus.Client;

namespace Milvus.VectorData;

/// <summary>Runs client calls, turning Milvus failures (MilvusException: server code and message) into VectorStoreException.</summary>
internal readonly struct MilvusOperation(string? databaseName, string? collectionName)
{
    public const string SystemName = "milvus";

    public async Task<T> RunAsync<T>(string operationName, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (MilvusException ex)
        {
            throw new VectorStoreException(ex.Message, ex)
            {
                VectorStoreSystemName = SystemName,
                VectorStoreName = databaseName,
                CollectionName = collectionName,
                OperationName = operationName,
            };
        }
    }

    public Task RunAsync(string operationName, Func<Task> operation)
        => RunAsync(operationName, async () => { await operation().ConfigureAwait(false); return true; });
}
