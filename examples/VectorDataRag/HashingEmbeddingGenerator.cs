using Microsoft.Extensions.AI;

namespace VectorDataRag;

/// <summary>
/// A deterministic stand-in for a real embedding model (OpenAI, Ollama, ONNX...): each lower-cased word is hashed
/// (FNV-1a) into one of <see cref="Dimensions"/> buckets and the counts are L2-normalized, so texts sharing words are close.
/// Swap it for any IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;; nothing else changes.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;

    private static readonly char[] Separators = [' ', ',', '.', '?', '!', ':', ';', '(', ')', '"', '\''];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
        => Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var ch in word) hash = (hash ^ ch) * 16777619u;
            vector[hash % Dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : vector.Select(x => x / norm).ToArray();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
