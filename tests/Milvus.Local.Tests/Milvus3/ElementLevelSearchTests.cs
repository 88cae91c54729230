using Google.Protobuf;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Milvus3;

/// <summary>
/// Milvus 3.0 element-level search over both transports: a struct's vector sub-field indexed with a plain metric is
/// searched element by element (plain query vectors), hits carry the element offset in element_indices, an entity
/// may come back once per element, element_filter limits the elements, and grouping by the primary key keeps each
/// entity's best element.
/// </summary>
public abstract class ElementLevelSearchTests(EngineTransport transport) : IDisposable
{
    private readonly LocalEngineHarness _h = new(transport);

    public void Dispose() => _h.Dispose();

    /// <summary>
    /// Rows 1 [a:[1,0], b:[0,2]], 2 [red:[3,0], red:[0,4]], 3 [] and 4 [red:[5,0], c:[0,6], red:[7,0]]: from [0,0] every
    /// element has its own squared distance (1, 4, 9, 16, 25, 36, 49), so the order has no ties.
    /// </summary>
    private void CreateParts(string metric = "L2") => StructArrayTests.CreateDocs(_h, metric,
        [("a", 1, [1, 0]), ("b", 5, [0, 2])],
        [("red", 7, [3, 0]), ("red", 9, [0, 4])],
        [],
        [("red", 2, [5, 0]), ("c", 3, [0, 6]), ("red", 8, [7, 0])]);

    private static string Hits(SearchResults reply)
    {
        Ok(reply.Status);
        var data = reply.Results;
        Assert.Equal(data.Ids.IntId.Data.Count, data.ElementIndices.Data.Count);
        return string.Join(" ", data.Ids.IntId.Data.Select((id, i) => $"{id}:{data.ElementIndices.Data[i]}={data.Scores[i]}"));
    }

    [Fact]
    public void Every_element_is_a_hit_of_its_own_with_its_offset()
    {
        CreateParts();
        Assert.Equal("1:0=1 1:1=4 2:0=9 2:1=16 4:0=25", Hits(_h.Search("docs", FloatPlaceholder([0, 0]), 5, annsField: "clips[emb]")));
    }

    [Theory]
    [InlineData("element_filter(clips, $[label] == \"red\")", "2:0=9 2:1=16 4:0=25 4:2=49")]
    [InlineData("id > 1 && element_filter(clips, $[score] < 8)", "2:0=9 4:0=25 4:1=36")]
    [InlineData("id > 1", "2:0=9 2:1=16 4:0=25 4:1=36 4:2=49")]
    [InlineData("MATCH_ALL(clips, $[label] == \"red\")", "2:0=9 2:1=16")]
    public void Filters_select_entities_and_element_filter_selects_elements(string filter, string expected)
    {
        CreateParts();
        Assert.Equal(expected, Hits(_h.Search("docs", FloatPlaceholder([0, 0]), 10, filter, "clips[emb]")));
    }

    [Fact]
    public void Grouping_by_the_primary_key_keeps_each_entitys_best_element()
    {
        CreateParts();
        Assert.Equal("1:0=1 2:0=9 4:0=25", Hits(_h.Search("docs", FloatPlaceholder([0, 0]), 3, annsField: "clips[emb]", extra: ("group_by_field", "id"))));
    }

    [Fact]
    public void Inner_product_ranks_the_highest_first_and_offset_pages_on()
    {
        CreateParts("IP");
        Assert.Equal("4:2=7 4:0=5 2:0=3", Hits(_h.Search("docs", FloatPlaceholder([1, 0]), 3, annsField: "clips[emb]")));
        Assert.Equal("2:0=3 1:0=1", Hits(_h.Search("docs", FloatPlaceholder([1, 0]), 2, annsField: "clips[emb]", extra: ("offset", "2"))));
    }

    [Fact]
    public void An_embedding_list_query_is_refused_for_an_element_level_field()
    {
        CreateParts();
        var list = new PlaceholderGroup { Placeholders = { new PlaceholderValue { Tag = "$0", Type = PlaceholderType.EmbListFloatVector,
            Values = { ByteString.CopyFrom(new float[] { 0, 0, 1, 1 }.SelectMany(BitConverter.GetBytes).ToArray()) } } } }.ToByteString();
        var reply = _h.Search("docs", list, 3, annsField: "clips[emb]");
        Fails(reply.Status, 1100, "the type of the search data (EmbListFloatVector) does not match the type of the vector field clips[emb] (FloatVector): invalid parameter");
    }
}

public sealed class ElementLevelSearchInProcessTests() : ElementLevelSearchTests(EngineTransport.InProcess);

public sealed class ElementLevelSearchKestrelTests() : ElementLevelSearchTests(EngineTransport.Kestrel);
