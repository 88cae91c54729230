using Microsoft.Extensions.VectorData;
using Milvus.VectorData.Tests.Support;

namespace Milvus.VectorData.Tests;

/// <summary>MEVD's embedding generation scenarios: string vector properties fed by an IEmbeddingGenerator.</summary>
public class EmbeddingGenerationTests
{
    public sealed class Note
    {
        [VectorStoreKey]
        public long Id { get; set; }

        [VectorStoreData]
        public string Text { get; set; } = "";

        /// <summary>The text to embed: the provider turns it into a 3-dimension float vector.</summary>
        [VectorStoreVector(3, DistanceFunction = DistanceFunction.CosineSimilarity)]
        public string Embedding => Text;
    }

    public sealed class NoteWithVector
    {
        [VectorStoreKey]
        public long Id { get; set; }

        [VectorStoreData]
        public string Text { get; set; } = "";

        [VectorStoreVector(3)]
        public ReadOnlyMemory<float> Embedding { get; set; }
    }

    [Theory]
    [InlineData(Transport.InProcess)]
    [InlineData(Transport.Kestrel)]
    public async Task Store_generator_embeds_a_batch_once_and_searches_by_text(Transport transport)
    {
        var generator = new WordEmbeddingGenerator();
        await using var setup = await StoreSetup.StartAsync(transport, new MilvusVectorStoreOptions { EmbeddingGenerator = generator });
        var collection = setup.Store.GetCollection<long, Note>("notes");
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync([new Note { Id = 1, Text = "apple" }, new Note { Id = 2, Text = "banana" }, new Note { Id = 3, Text = "cherry" }]);
        Assert.Equal((1, 3), (generator.Calls, generator.Inputs));

        var stored = await setup.Client.QueryAsync("notes", "Id == 2", outputFields: ["Embedding"]);
        Assert.Equal([0f, 1f, 0f], Assert.IsType<float[]>(stored[0]["Embedding"]));

        var hits = await collection.SearchAsync("banana", top: 2).ToListAsync();
        Assert.Equal((2, 4), (generator.Calls, generator.Inputs));
        Assert.Equal([2L, 1L], hits.Select(h => h.Record.Id));
        Assert.Equal(["banana", "apple"], hits.Select(h => h.Record.Text));
        Assert.Equal([1d, 0d], hits.Select(h => h.Score!.Value));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => collection.SearchAsync("apple", top: 1,
            new VectorSearchOptions<Note> { IncludeVectors = true }).ToListAsync().AsTask());
        Assert.Equal("When an embedding generator is configured, `Include Vectors` cannot be enabled.", error.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => collection.GetAsync(1L, new RecordRetrievalOptions { IncludeVectors = true }));
        Assert.Equal("apple", (await collection.GetAsync(1L))!.Text);
    }

    [Fact]
    public async Task Definition_generator_on_a_vector_property_searches_by_text()
    {
        var generator = new WordEmbeddingGenerator();
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(NoteWithVector.Id), typeof(long)),
                new VectorStoreDataProperty(nameof(NoteWithVector.Text), typeof(string)),
                new VectorStoreVectorProperty(nameof(NoteWithVector.Embedding), typeof(ReadOnlyMemory<float>), 3) { EmbeddingGenerator = generator },
            ],
        };
        var collection = setup.Store.GetCollection<long, NoteWithVector>("notes", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([
            new NoteWithVector { Id = 1, Text = "first", Embedding = new float[] { 0, 0, 1 } },
            new NoteWithVector { Id = 2, Text = "second", Embedding = new float[] { 1, 0, 0 } },
        ]);
        Assert.Equal(0, generator.Calls); // vectors given directly are stored as they are

        var hit = Assert.Single(await collection.SearchAsync("cherry", top: 1).ToListAsync());
        Assert.Equal((1L, 1), (hit.Record.Id, generator.Calls));
        var direct = Assert.Single(await collection.SearchAsync(new float[] { 1, 0, 0 }, top: 1, new VectorSearchOptions<NoteWithVector> { IncludeVectors = true }).ToListAsync());
        Assert.Equal([1f, 0f, 0f], direct.Record.Embedding.ToArray());
    }

    [Fact]
    public async Task String_vector_without_a_generator_is_a_model_error()
    {
        await using var setup = await StoreSetup.StartAsync(Transport.InProcess);
        var error = Assert.Throws<InvalidOperationException>(() => setup.Store.GetCollection<long, Note>("notes"));
        Assert.Contains("'Embedding'", error.Message);
    }
}
