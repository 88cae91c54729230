// Retrieval-augmented generation on Milvus through Microsoft.Extensions.VectorData:
// store snippets (embedded by an IEmbeddingGenerator), retrieve the closest ones for a question, build the grounded prompt.
// Usage: dotnet run --project examples/VectorDataRag [uri]   (default: ./rag-demo.db, the in-process local engine;
// give http://localhost:19530 for a Milvus server or Milvus.Local.Server).
using Microsoft.Extensions.VectorData;
using Milvus.Client;
using Milvus.VectorData;
using VectorDataRag;

var uri = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "rag-demo.db");
await using var client = new AsyncMilvusClient(uri);
using var store = new MilvusVectorStore(client, new MilvusVectorStoreOptions { EmbeddingGenerator = new HashingEmbeddingGenerator() });

var snippets = store.GetCollection<string, Snippet>("rag_snippets");
await snippets.EnsureCollectionDeletedAsync();
await snippets.EnsureCollectionExistsAsync();

// 1. Ingest: one upsert; the store embeds every snippet's text in one generator call.
await snippets.UpsertAsync([
    new Snippet { Id = "milvus-1", Topic = "milvus", Text = "Milvus stores vectors in collections and searches them by similarity." },
    new Snippet { Id = "milvus-2", Topic = "milvus", Text = "A Milvus collection needs an index on each vector field before it is loaded and searched." },
    new Snippet { Id = "milvus-3", Topic = "milvus", Text = "Milvus filters use boolean expressions such as year > 2000 and genre in [\"scifi\"]." },
    new Snippet { Id = "pwsh-1", Topic = "powershell", Text = "PowerShell cmdlets are named verb-noun and pass objects down the pipeline." },
    new Snippet { Id = "cook-1", Topic = "cooking", Text = "Bread needs flour, water, salt and yeast, and time to rise." },
]);

// 2. Retrieve: the two snippets closest to the question, among Milvus snippets only (a LINQ filter, run by Milvus).
const string question = "Which Milvus collections store vectors for similarity search?";
var retrieved = new List<Snippet>();
await foreach (var hit in snippets.SearchAsync(question, top: 2, new VectorSearchOptions<Snippet> { Filter = s => s.Topic == "milvus" }))
{
    Console.WriteLine($"{hit.Score:F3}  {hit.Record.Id}: {hit.Record.Text}");
    retrieved.Add(hit.Record);
}

// 3. Generate: hand the grounded prompt to any IChatClient (Microsoft.Extensions.AI); printed here.
Console.WriteLine();
Console.WriteLine("Answer the question using only these sources:");
foreach (var snippet in retrieved) Console.WriteLine($"- [{snippet.Id}] {snippet.Text}");
Console.WriteLine($"Question: {question}");

/// <summary>A retrievable text snippet: the vector is generated from <see cref="Text"/>.</summary>
public sealed class Snippet
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Topic { get; set; } = "";

    [VectorStoreData]
    public string Text { get; set; } = "";

    [VectorStoreVector(HashingEmbeddingGenerator.Dimensions, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public string Embedding => Text;
}
