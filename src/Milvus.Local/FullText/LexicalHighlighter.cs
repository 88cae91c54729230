using System.Globalization;
using System.Text.Json;
using Milvus.Local.Analysis;
using Milvus.Local.Catalog;
using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.FullText;

/// <summary>
/// Milvus's lexical highlighter (proxy highlighter.go + the delegator's fetchFragmentsFromOffsets): each text
/// field to highlight is analyzed per hit, tokens equal to a term of the highlight texts (the BM25 search text
/// of the hit's query when <c>highlight_search_text</c>, and every <c>highlight_query</c> text of the field) are
/// marked, overlapping marks merge, and the marks are cut into fragments: a fragment starts
/// <c>fragment_offset</c> characters before a mark, spans at least <c>fragment_size</c> characters (longer when
/// a mark crosses its end), takes every mark starting inside it, and at most <c>num_of_fragments</c> are kept.
/// Offsets count Unicode code points, as Milvus's runes. Tags rotate by the mark's index in its fragment.
/// </summary>
internal sealed class LexicalHighlighter
{
    private const int DefaultFragmentSize = 100;
    private const int DefaultFragmentNum = 5;

    private readonly string[] _preTags;
    private readonly string[] _postTags;
    private readonly long _fragmentOffset;
    private readonly long _fragmentSize;
    private readonly long _fragmentNum;
    private readonly bool _highlightSearchText;
    private readonly List<(string Field, string Text)> _queries;

    private LexicalHighlighter(string[] preTags, string[] postTags, long fragmentOffset, long fragmentSize, long fragmentNum,
        bool highlightSearchText, List<(string Field, string Text)> queries)
    {
        _preTags = preTags;
        _postTags = postTags;
        _fragmentOffset = fragmentOffset;
        _fragmentSize = fragmentSize;
        _fragmentNum = fragmentNum;
        _highlightSearchText = highlightSearchText;
        _queries = queries;
    }

    /// <summary>The request's highlighter, validated with Milvus's messages; null when the request has none.</summary>
    public static LexicalHighlighter? Parse(Highlighter? highlighter)
    {
        if (highlighter is null) return null;
        if (highlighter.Type == HighlightType.Semantic) throw MilvusError.NotSupported("semantic highlighter");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in highlighter.Params) map[kv.Key] = kv.Value;
        return new LexicalHighlighter(
            Tags(map, "pre_tags", "<em>", "unmarshal pre_tags as string array failed"),
            Tags(map, "post_tags", "</em>", "unmarshal post_tags as string list failed"),
            Number(map, "fragment_offset", 0, allowZero: true),
            Number(map, "fragment_size", DefaultFragmentSize, allowZero: false),
            Number(map, "num_of_fragments", DefaultFragmentNum, allowZero: true),
            Flag(map), Queries(map));
    }

    /// <summary>
    /// One <see cref="HighlightResult"/> per highlighted field, each with one entry per hit (queries in order).
    /// </summary>
    /// <param name="searchField">The BM25 function's input field when the search was a full-text search, else null.</param>
    /// <param name="searchTexts">The search text of each query (full-text search only).</param>
    public List<HighlightResult> Apply(CollectionSchema schema, FieldSchema? searchField, IReadOnlyList<string>? searchTexts,
        IReadOnlyList<IReadOnlyList<(IRowSet Rows, int Row)>> perQuery)
    {
        var tasks = new List<(FieldSchema Field, bool WithSearchText, List<string> Texts)>();
        if (_highlightSearchText && searchField is not null) tasks.Add((searchField, true, []));
        foreach (var (fieldName, text) in _queries)
        {
            var field = schema.Fields.FirstOrDefault(f => f.Name == fieldName)
                ?? throw MilvusError.InvalidParameter($"highlight field not found in schema: {fieldName}");
            var index = tasks.FindIndex(t => t.Field.FieldID == field.FieldID);
            if (index < 0) tasks.Add((field, false, [text]));
            else tasks[index].Texts.Add(text);
        }
        var hitCount = perQuery.Sum(q => q.Count);
        if (hitCount == 0) return [];
        return tasks.Select(task => Highlight(schema, task.Field, task.WithSearchText ? searchTexts : null, task.Texts, perQuery)).ToList();
    }

    private HighlightResult Highlight(CollectionSchema schema, FieldSchema field, IReadOnlyList<string>? searchTexts, List<string> texts,
        IReadOnlyList<IReadOnlyList<(IRowSet Rows, int Row)>> perQuery)
    {
        FieldAnalyzer analyzer;
        try { analyzer = FieldAnalyzer.For(field); }
        catch (AnalyzerException e) { throw MilvusError.InvalidParameter(e.Message); }
        var byField = analyzer.ByField is { } name ? schema.Fields.FirstOrDefault(f => f.Name == name)?.Name : null;
        var commonTerms = texts.SelectMany(t => analyzer.Analyze(t).Select(token => token.Text)).ToHashSet(StringComparer.Ordinal);
        var result = new HighlightResult { FieldName = field.Name };
        for (var q = 0; q < perQuery.Count; q++)
        {
            var terms = searchTexts is null ? commonTerms
                : commonTerms.Concat(analyzer.Analyze(searchTexts[q]).Select(token => token.Text)).ToHashSet(StringComparer.Ordinal);
            foreach (var (rows, row) in perQuery[q])
            {
                var text = rows.GetColumn(field.Name) is StringColumn column && !column.IsNull(row) ? column.Values[row] : "";
                var analyzerName = byField is not null && rows.GetColumn(byField) is StringColumn names && !names.IsNull(row) ? names.Values[row] : null;
                result.Datas.Add(Fragments(text, analyzer.Analyze(text, analyzerName).Where(t => terms.Contains(t.Text))));
            }
        }
        return result;
    }

    /// <summary>The tagged fragments of one text from its matched tokens (Milvus's fetchFragmentsFromOffsets and buildStringFragments).</summary>
    private HighlightData Fragments(string text, IEnumerable<AnalyzerToken> matches)
    {
        var runes = new CodePoints(text);
        var spans = Merge(matches.Select(t => (Start: (long)runes.IndexOf(t.StartOffset), End: (long)runes.IndexOf(t.EndOffset))));
        var fragments = new List<(long Start, long End, List<(long Start, long End)> Marks)>();
        (long Start, long End, List<(long Start, long End)> Marks)? current = null;
        foreach (var span in spans)
        {
            if (current is { } open && span.Start <= open.End)
            {
                open.Marks.Add(span);
                if (span.End > open.End) current = open with { End = span.End };
                continue;
            }
            if (current is { } done) fragments.Add(done);
            current = null;
            if (fragments.Count >= _fragmentNum) break;
            var start = Math.Max(0, span.Start - _fragmentOffset);
            current = (start, Math.Min(Math.Max(span.End, start + _fragmentSize), runes.Count), [span]);
        }
        if (current is { } last) fragments.Add(last);
        var data = new HighlightData();
        data.Fragments.Add(fragments.Select(f => Render(runes, f.Start, f.End, f.Marks)));
        return data;
    }

    private string Render(CodePoints runes, long start, long end, List<(long Start, long End)> marks)
    {
        var builder = new System.Text.StringBuilder();
        var cursor = start;
        for (var i = 0; i < marks.Count; i++)
        {
            if (cursor < marks[i].Start) builder.Append(runes.Slice(cursor, marks[i].Start));
            builder.Append(_preTags[i % _preTags.Length]).Append(runes.Slice(marks[i].Start, marks[i].End)).Append(_postTags[i % _postTags.Length]);
            cursor = marks[i].End;
        }
        if (cursor < end) builder.Append(runes.Slice(cursor, end));
        return builder.ToString();
    }

    /// <summary>Sorted spans with overlapping or touching ones merged (Milvus's mergeOffsets).</summary>
    private static List<(long Start, long End)> Merge(IEnumerable<(long Start, long End)> spans)
    {
        var merged = new List<(long Start, long End)>();
        var maxEnd = -1L;
        foreach (var span in spans.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            if (span.End <= maxEnd) continue;
            if (merged.Count == 0 || span.Start > merged[^1].End) merged.Add(span);
            else merged[^1] = (merged[^1].Start, span.End);
            maxEnd = span.End;
        }
        return merged;
    }

    private static string[] Tags(Dictionary<string, string> map, string key, string fallback, string failure)
    {
        if (!map.TryGetValue(key, out var value)) return [fallback];
        string[]? tags;
        try { tags = JsonSerializer.Deserialize<string[]>(value); }
        catch (JsonException e) { throw MilvusError.InvalidParameter($"{failure}: {e.Message}"); }
        if (tags is null || tags.Length == 0) throw MilvusError.InvalidParameter($"{key} cannot be empty list");
        return tags;
    }

    private static long Number(Dictionary<string, string> map, string key, long fallback, bool allowZero)
    {
        if (!map.TryGetValue(key, out var value)) return fallback;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < 0 || (!allowZero && number == 0))
            throw MilvusError.InvalidParameter($"invalid {key}: {value}");
        return number;
    }

    private static bool Flag(Dictionary<string, string> map)
    {
        if (!map.TryGetValue("highlight_search_text", out var value)) return false;
        return GoBool.Parse(value)
            ?? throw MilvusError.InvalidParameter($"unmarshal highlight_search_text as bool failed: strconv.ParseBool: parsing \"{value}\": invalid syntax");
    }

    private static List<(string Field, string Text)> Queries(Dictionary<string, string> map)
    {
        var queries = new List<(string Field, string Text)>();
        if (!map.TryGetValue("highlight_query", out var value)) return queries;
        JsonElement root;
        try { root = JsonDocument.Parse(value).RootElement; }
        catch (JsonException e) { throw MilvusError.InvalidParameter($"unmarshal highlight queries as json array failed: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Array) throw MilvusError.InvalidParameter("unmarshal highlight queries as json array failed");
        const string failed = "unmarshal highlight queries failed: ";
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw MilvusError.InvalidParameter(failed + "item in array is not json object");
            var text = Member(item, "text");
            var type = Member(item, "type");
            if (type != "TextMatch") throw MilvusError.InvalidParameter($"{failed}invalid highlight query type: {type}");
            queries.Add((Member(item, "field"), text));
        }
        return queries;

        static string Member(JsonElement item, string name)
        {
            if (!item.TryGetProperty(name, out var member)) throw MilvusError.InvalidParameter($"{failed}must set `{name}` in query");
            if (member.ValueKind != JsonValueKind.String) throw MilvusError.InvalidParameter($"{failed}`{name}` must be string");
            return member.GetString()!;
        }
    }

    /// <summary>A string indexed by Unicode code point, as Go indexes a []rune.</summary>
    private sealed class CodePoints
    {
        private readonly string _text;
        private readonly List<int> _starts = [];

        public CodePoints(string text)
        {
            _text = text;
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1) _starts.Add(i);
        }

        public int Count => _starts.Count;

        /// <summary>The code point index of a UTF-16 offset (an offset at the end maps to <see cref="Count"/>).</summary>
        public int IndexOf(int utf16Offset)
        {
            var index = _starts.BinarySearch(utf16Offset);
            return index >= 0 ? index : ~index;
        }

        public string Slice(long start, long end)
        {
            var from = _starts[(int)start];
            var to = end >= _starts.Count ? _text.Length : _starts[(int)end];
            return _text[from..to];
        }
    }
}
