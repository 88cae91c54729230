using Google.Protobuf;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Search;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Search;

/// <summary>
/// What a search call reuses instead of allocating again: the collection snapshot (handed out again until anything
/// it copies changes), each thread's last parsed search parameters, and the placeholder values read in place from
/// the request's bytes (the generated parser still reads, and words the errors of, every other shape).
/// </summary>
public sealed class SearchCallReuseTests
{
    private static CollectionMeta Collection() => new()
    {
        Id = 7, DbId = 1, Name = "c", CreatedTs = 100,
        Schema = new CollectionSchema { Name = "c", Fields = { Field(Int64Pk(), 100), Field(Vector("v", DataType.FloatVector, 4), 101) } },
        Partitions = [new PartitionMeta { Id = 70, Name = "_default", CreatedTs = 100, Loaded = true }],
        Indexes =
        [
            new IndexMeta
            {
                Id = 700, Name = "v", FieldId = 101, CreatedTs = 100,
                Params = [new KeyValuePair { Key = "index_type", Value = "HNSW" }, new KeyValuePair { Key = "metric_type", Value = "L2" }],
            },
        ],
    };

    private static FieldSchema Field(FieldSchema field, long id)
    {
        field.FieldID = id;
        return field;
    }

    public static TheoryData<string> Changes => new()
    {
        "partition unloaded", "partition added", "property added", "property changed", "field description", "field added",
        "index params", "index dropped", "loaded as collection", "updated", "renamed",
    };

    private static void Change(CollectionMeta c, string change)
    {
        switch (change)
        {
            case "partition unloaded": c.Partitions[0].Loaded = false; break;
            case "partition added": c.Partitions.Add(new PartitionMeta { Id = 71, Name = "p", CreatedTs = 101 }); break;
            case "property added": c.Properties.Add(new KeyValuePair { Key = "mmap.enabled", Value = "true" }); break;
            case "property changed":
                c.Properties.Add(new KeyValuePair { Key = "mmap.enabled", Value = "true" });
                _ = c.Snapshot();
                c.Properties[0] = new KeyValuePair { Key = "mmap.enabled", Value = "false" };
                break;
            case "field description": c.Schema.Fields[1].Description = "vectors"; break;
            case "field added": c.Schema.Fields.Add(Scalar("tag", DataType.Int64)); break;
            case "index params": c.Indexes[0].Params = [.. c.Indexes[0].Params, new KeyValuePair { Key = "params", Value = "{\"M\": 8}" }]; break;
            case "index dropped": c.Indexes.Clear(); break;
            case "loaded as collection": c.LoadedAsCollection = true; break;
            case "updated": c.UpdatedTs = 200; break;
            case "renamed": c.Name = "d"; break;
            default: throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    [Fact]
    public void An_unchanged_collection_hands_out_the_same_snapshot()
    {
        var c = Collection();
        var first = c.Snapshot();
        Assert.NotSame(c, first);
        Assert.Same(first, c.Snapshot());
        Assert.NotSame(c.Schema, first.Schema);
        Assert.Equal(c.Schema, first.Schema);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_gives_a_new_snapshot_and_leaves_the_old_one_as_it_was(string change)
    {
        var c = Collection();
        var before = c.Snapshot();
        var schemaBefore = before.Schema.Clone();
        var partitionsBefore = before.Partitions.Count;
        var indexesBefore = before.Indexes.Count;
        Change(c, change);
        var after = c.Snapshot();
        Assert.NotSame(before, after);
        Assert.Same(after, c.Snapshot());
        Assert.Equal(c.Schema, after.Schema);
        Assert.Equal(c.Name, after.Name);
        Assert.Equal(c.UpdatedTs, after.UpdatedTs);
        Assert.Equal(c.LoadedAsCollection, after.LoadedAsCollection);
        Assert.Equal(c.Properties, after.Properties);
        Assert.Equal(c.Partitions.Select(p => (p.Id, p.Loaded)), after.Partitions.Select(p => (p.Id, p.Loaded)));
        Assert.Equal(c.Indexes.Select(i => i.Params.Count), after.Indexes.Select(i => i.Params.Count));
        Assert.Equal(schemaBefore, before.Schema);
        Assert.Equal(partitionsBefore, before.Partitions.Count);
        Assert.Equal(indexesBefore, before.Indexes.Count);
    }

    private static List<KeyValuePair> Params(string ef, string topk = "10") =>
        [new KeyValuePair { Key = "topk", Value = topk }, new KeyValuePair { Key = "params", Value = $"{{\"ef\": {ef}}}" }];

    [Fact]
    public void A_thread_reuses_its_last_parameters_only_for_the_same_snapshot_and_equal_pairs()
    {
        var c = Collection().Snapshot();
        var first = LastSearchParameters.Parse(c, Params("16"));
        Assert.Equal(16, first.IndexOptions.Ef);
        Assert.Same(first, LastSearchParameters.Parse(c, Params("16")));
        var other = LastSearchParameters.Parse(c, Params("64"));
        Assert.Equal(64, other.IndexOptions.Ef);
        var topk = LastSearchParameters.Parse(c, Params("64", topk: "20"));
        Assert.Equal(20, topk.TopK);
        Assert.NotSame(other, topk);
        var newSnapshot = Collection().Snapshot();
        var again = LastSearchParameters.Parse(newSnapshot, Params("64", topk: "20"));
        Assert.NotSame(topk, again);
        Assert.Same(newSnapshot.Indexes[0], again.Index);
    }

    [Fact]
    public void Another_thread_parses_its_own_and_iterator_pages_are_never_reused()
    {
        var c = Collection().Snapshot();
        var mine = LastSearchParameters.Parse(c, Params("16"));
        SearchParameters? theirs = null;
        var thread = new Thread(() => theirs = LastSearchParameters.Parse(c, Params("16")));
        thread.Start();
        thread.Join();
        Assert.NotSame(mine, theirs);
        Assert.Same(mine, LastSearchParameters.Parse(c, Params("16")));
        // Without a token each first page gets a new one: a reused parse would hand two iterators the same token.
        List<KeyValuePair> page = [.. Params("16"), new KeyValuePair { Key = "iterator", Value = "True" }, new KeyValuePair { Key = "search_iter_v2", Value = "True" }, new KeyValuePair { Key = "search_iter_batch_size", Value = "5" }];
        var firstPage = LastSearchParameters.Parse(c, page);
        Assert.NotNull(firstPage.Iterator);
        var secondPage = LastSearchParameters.Parse(c, page);
        Assert.NotSame(firstPage, secondPage);
        Assert.NotEqual(firstPage.Iterator!.Token, secondPage.Iterator!.Token);
    }

    private static readonly FieldSchema Vectors = Vector("v", DataType.FloatVector, 4);

    [Fact]
    public void Vectors_read_in_place_equal_the_generated_parsers()
    {
        float[][] queries = [[1, 2, 3, 4], [-0.5f, 0, 1e-7f, 3.25f], [9, 8, 7, 6]];
        var group = FloatPlaceholder(queries);
        Assert.True(PlaceholderReader.TryRead(group.Span, out var type, out _, out var count));
        Assert.Equal((PlaceholderType.FloatVector, 3), (type, count));
        var decoded = QueryVector.FromPlaceholderGroup(group, Vectors);
        Assert.Equal(queries, decoded.Select(q => q.Dense!));
        var parsed = PlaceholderGroup.Parser.ParseFrom(group).Placeholders[0].Values.Select(v => v.ToByteArray()).ToList();
        Assert.Equal(parsed, decoded.Select(q => System.Runtime.InteropServices.MemoryMarshal.AsBytes(q.Dense!.AsSpan()).ToArray()));
    }

    [Fact]
    public void Other_shapes_go_to_the_generated_parser_with_its_errors()
    {
        var two = new PlaceholderGroup
        {
            Placeholders =
            {
                new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector, Values = { ByteString.CopyFrom(new byte[16]) } },
                new PlaceholderValue { Tag = "$1", Type = PlaceholderType.FloatVector, Values = { ByteString.CopyFrom(new byte[16]) } },
            },
        }.ToByteString();
        Assert.False(PlaceholderReader.TryRead(two.Span, out _, out _, out _));
        Assert.StartsWith("only one placeholder is supported in a search request", Assert.Throws<MilvusError>(() => QueryVector.FromPlaceholderGroup(two, Vectors)).Reason);

        var truncated = FloatPlaceholder([1, 2, 3, 4]);
        truncated = ByteString.CopyFrom(truncated.Span[..^3]);
        Assert.False(PlaceholderReader.TryRead(truncated.Span, out _, out _, out _));
        Assert.StartsWith("failed to unmarshal placeholder group", Assert.Throws<MilvusError>(() => QueryVector.FromPlaceholderGroup(truncated, Vectors)).Reason);

        // A field PlaceholderValue does not have (number 5, varint): skipped by the generated parser, refused here.
        var value = new PlaceholderValue { Tag = "$0", Type = PlaceholderType.FloatVector, Values = { ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new float[] { 1, 2, 3, 4 }.AsSpan())) } }.ToByteArray();
        byte[] extended = [.. value, 5 << 3, 1];
        var unknown = ByteString.CopyFrom([(1 << 3) | 2, (byte)extended.Length, .. extended]);
        Assert.False(PlaceholderReader.TryRead(unknown.Span, out _, out _, out _));
        Assert.Equal([1f, 2, 3, 4], Assert.Single(QueryVector.FromPlaceholderGroup(unknown, Vectors)).Dense);

        var binary = Placeholder(PlaceholderType.BinaryVector, ByteString.CopyFrom(new byte[16]));
        Assert.True(PlaceholderReader.TryRead(binary.Span, out var type, out _, out _));
        Assert.Equal(PlaceholderType.BinaryVector, type);
        Assert.Contains("does not match the type of the vector field v", Assert.Throws<MilvusError>(() => QueryVector.FromPlaceholderGroup(binary, Vectors)).Reason);
        // Milvus spells the type as the .proto does (BFloat16Vector), not as the C# enum (Bfloat16Vector).
        var bfloat16 = Placeholder(PlaceholderType.Bfloat16Vector, ByteString.CopyFrom(new byte[8]));
        Assert.Equal("the type of the search data (BFloat16Vector) does not match the type of the vector field v (FloatVector): invalid parameter",
            Assert.Throws<MilvusError>(() => QueryVector.FromPlaceholderGroup(bfloat16, Vectors)).Reason);

        var wrongSize = Placeholder(PlaceholderType.FloatVector, ByteString.CopyFrom(new byte[12]));
        Assert.StartsWith("vector dimension mismatch, expected vector size(byte) 16, actual 12",
            Assert.Throws<MilvusError>(() => QueryVector.FromPlaceholderGroup(wrongSize, Vectors)).Reason);
    }
}
