using Milvus.Local.Columns;
using Milvus.Local.Errors;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Expressions;

/// <summary>
/// Generates random and mutated filter expressions and checks the robustness contract: every input either
/// parses and evaluates, or fails with a <see cref="MilvusError"/>; nothing else escapes. Shared by the unit
/// test (fixed seed, 100k inputs) and the larger benchmark-project run.
/// </summary>
internal static class FilterFuzzer
{
    private static readonly string[] Vocabulary =
    [
        "id", "i8", "i16", "i32", "i64", "f", "d", "b", "s", "sn", "text", "ai", "as", "af", "j", "jn", "vec", "$meta",
        "color", "size", "nosuch", "j[\"a\"]", "j['b']['c']", "ai[0]", "as[1]", "$meta[\"color\"]", "j[\"tags\"][0]",
        "1", "0", "-1", "2.5", "1e3", "0x1F", "017", "0b11", "99999999999999999999", "true", "False", "\"kiwi\"", "'a%'",
        "\"\\n\"", "\"\\q\"", "r\"raw\"", "[1, 2]", "[]", "[\"t0\", 1]", "{ids}", "{x}", "{nosuch}",
        "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "~",
        "and", "or", "not", "&&", "||", "!", "AND", "OR", "NOT", "in", "not in", "like", "LIKE", "exists", "is null", "is not null",
        "(", ")", "[", "]", ",", "{", "}", "=",
        "json_contains(", "json_contains_all(", "json_contains_any(", "array_contains(", "array_contains_all(",
        "array_contains_any(", "array_length(", "text_match(", "phrase_match(", "random_sample(", "st_contains(", "now(",
        "minimum_should_match=", "ISO", "INTERVAL", "\"P1D\"", "@", "#", "\"unterminated", "\u00e9", "\u4e2d",
    ];

    private static readonly IReadOnlyDictionary<string, TemplateValue> Templates = new Dictionary<string, TemplateValue>
    {
        ["ids"] = new() { ArrayVal = new TemplateArrayValue { LongData = new LongArray { Data = { 1, 2, 3 } } } },
        ["x"] = new() { Int64Val = 5 },
    };

    /// <summary>Runs <paramref name="count"/> inputs; returns (parsed, rejected). Throws on any contract violation.</summary>
    public static (int Parsed, int Rejected) Run(CollectionSchema schema, IRowSet rows, IReadOnlyList<string> seeds, int count, int seed)
    {
        var random = new Random(seed);
        int parsed = 0, rejected = 0;
        for (var n = 0; n < count; n++)
        {
            var expression = (n % 3) switch
            {
                0 => RandomTokens(random),
                1 => Mutate(random, seeds[random.Next(seeds.Count)]),
                _ => Splice(random, seeds),
            };
            try
            {
                var filter = FilterExpression.Parse(expression, schema, Templates);
                var result = filter.Evaluate(rows);
                if (result.Length != rows.RowCount)
                    throw new InvalidOperationException($"wrong result length for: {expression}");
                parsed++;
            }
            catch (MilvusError error)
            {
                if (error.Code is not (1100 or 3000 or 65535))
                    throw new InvalidOperationException($"unexpected code {error.Code} for: {expression}", error);
                rejected++;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"unhandled {e.GetType().Name} for input: {expression}", e);
            }
        }
        return (parsed, rejected);
    }

    private static string RandomTokens(Random random)
    {
        var length = random.Next(1, 12);
        var parts = new string[length];
        for (var i = 0; i < length; i++) parts[i] = Vocabulary[random.Next(Vocabulary.Length)];
        return string.Join(random.Next(4) == 0 ? "" : " ", parts);
    }

    private static string Mutate(Random random, string seed)
    {
        var chars = new List<char>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, "()[]{}\"'\\,.%_<>=!&|+-*/ 0a$"[random.Next(27)]); break;
                case 2 when chars.Count > 0: chars[at] = (char)random.Next(32, 127); break;
                default: chars.InsertRange(at, " " + Vocabulary[random.Next(Vocabulary.Length)] + " "); break;
            }
        }
        return new string(chars.ToArray());
    }

    private static string Splice(Random random, IReadOnlyList<string> seeds)
    {
        var a = seeds[random.Next(seeds.Count)];
        var b = seeds[random.Next(seeds.Count)];
        var glue = new[] { " and ", " or ", " && not ", " ", "(", ") or (" }[random.Next(6)];
        return a[..random.Next(a.Length + 1)] + glue + b[random.Next(b.Length + 1)..];
    }
}
