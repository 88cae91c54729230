using System.Globalization;
using System.Text.Json;
using Milvus.Protocol.Common;

namespace Milvus.Client;

/// <summary>
/// pymilvus <c>LexicalHighlighter</c>: wraps matched terms of text fields in tags on search hits (Milvus 2.6.8+).
/// Terms come from the BM25 search text (<see cref="HighlightSearchText"/>) and from <see cref="HighlightQuery"/>
/// (TEXT_MATCH texts per field). Unset options take the server's defaults (<c>&lt;em&gt;</c>/<c>&lt;/em&gt;</c>,
/// offset 0, size 100, 5 fragments). Set it as <see cref="SearchOptions.Highlighter"/>; hits then carry
/// <see cref="SearchHit.Highlight"/>.
/// </summary>
public sealed class LexicalHighlighter
{
    public IReadOnlyList<string>? PreTags { get; init; }
    public IReadOnlyList<string>? PostTags { get; init; }
    /// <summary>Characters of leading context kept before a fragment's first match.</summary>
    public long? FragmentOffset { get; init; }
    /// <summary>Minimum characters per fragment.</summary>
    public long? FragmentSize { get; init; }
    public long? NumOfFragments { get; init; }
    public bool? HighlightSearchText { get; init; }
    public IList<HighlightQuery>? HighlightQuery { get; set; }

    /// <summary>pymilvus <c>with_query(field, text, query_type)</c>.</summary>
    public LexicalHighlighter WithQuery(string field, string text, string queryType = "TextMatch")
    {
        (HighlightQuery ??= new List<HighlightQuery>()).Add(new HighlightQuery(queryType, field, text));
        return this;
    }

    /// <summary>The params as pymilvus sends them (lists as JSON, numbers and booleans as Python's str()).</summary>
    internal Highlighter ToProto()
    {
        var proto = new Highlighter { Type = HighlightType.Lexical };
        void Add(string key, string? value)
        {
            if (value is not null) proto.Params.Add(new Milvus.Protocol.Common.KeyValuePair { Key = key, Value = value });
        }
        Add("pre_tags", PreTags is null ? null : JsonSerializer.Serialize(PreTags));
        Add("post_tags", PostTags is null ? null : JsonSerializer.Serialize(PostTags));
        Add("fragment_offset", FragmentOffset?.ToString(CultureInfo.InvariantCulture));
        Add("fragment_size", FragmentSize?.ToString(CultureInfo.InvariantCulture));
        Add("num_of_fragments", NumOfFragments?.ToString(CultureInfo.InvariantCulture));
        Add("highlight_query", HighlightQuery is null ? null
            : JsonSerializer.Serialize(HighlightQuery.Select(q => new Dictionary<string, string> { ["type"] = q.Type, ["field"] = q.Field, ["text"] = q.Text })));
        Add("highlight_search_text", HighlightSearchText is null ? null : HighlightSearchText.Value ? "True" : "False");
        return proto;
    }
}

/// <summary>One <c>highlight_query</c> entry: <paramref name="Type"/> is Milvus's query type ("TextMatch").</summary>
public sealed record HighlightQuery(string Type, string Field, string Text);
