using Microsoft.Extensions.AI;

namespace Milvus.VectorData.Tests.Support;

/// <summary>
/// A deterministic embedding generator for tests: each known word has a fixed unit vector; unknown text fails.
/// Counts calls so tests can check that a batch is embedded in one call.
/// </summary>
internal sealed class WordEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public static readonly IReadOnlyDictionary<string, float[]> Vectors = new Dictionary<string, float[]>
    {
        ["apple"] = [1, 0, 0],
        ["banana"] = [0, 1, 0],
        ["cherry"] = [0, 0, 1],
    };

    public int Calls { get; private set; }
    public int Inputs { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        var embeddings = values.Select(v => new Embedding<float>(Vectors[v])).ToList();
        Inputs += embeddings.Count;
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
