using Milvus.Local.Analysis;
using Milvus.Local.Analysis.Filters;

namespace Milvus.Local.Tests.Analysis;

/// <summary>
/// The Arabic, Greek and Tamil stemmers (generated from rust-stemmers' .sbl files) give rust-stemmers 1.2's stems:
/// each .tsv holds 1,500 words built from the algorithm's own prefixes and suffixes around random stems, with the
/// stem rust-stemmers' compiled Rust code gives (Analysis/Snowball/README.md says how they were made).
/// </summary>
public sealed class SnowballStemmerTests
{
    [Theory]
    [InlineData("arabic")]
    [InlineData("greek")]
    [InlineData("tamil")]
    public void Stems_equal_rust_stemmers(string language)
    {
        var pairs = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Analysis", "Snowball", language + ".tsv"))
            .Select(line => line.Split('\t')).ToArray();
        Assert.Equal(1500, pairs.Length);
        var wrong = pairs.Where(p => StemmerFilter.StemWord(language, p[0]) != p[1]).Select(p => $"{p[0]} -> {StemmerFilter.StemWord(language, p[0])}, expected {p[1]}").ToArray();
        Assert.Empty(wrong);
        Assert.True(pairs.Count(p => p[0] != p[1]) > 500, "most test words must change, or the test proves little");
    }

    [Theory]
    [InlineData("""{"tokenizer": "standard", "filter": ["lowercase", {"type": "stemmer", "language": "greek"}]}""",
        "Καλημέρα κόσμε, τα παιδιά παίζουν στους δρόμους", new[] { "καλημερ", "κοσμ", "τα", "πα", "παι", "στ", "δρομ" })]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "arabic"}]}""",
        "المكتبات الكبيرة والمدارس", new[] { "مكتب", "كبير", "والمدارس" })]
    [InlineData("""{"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "arabig"}]}""",
        "المكتبات", new[] { "مكتب" })]
    [InlineData("""{"tokenizer": "whitespace", "filter": [{"type": "stemmer", "language": "tamil"}]}""",
        "பள்ளிகளில் மாணவர்கள் படிக்கிறார்கள்", new[] { "பள்ளி", "மாண", "படி" })]
    public void Analyzers_stem_with_the_new_languages(string parameters, string text, string[] expected) =>
        Assert.Equal(expected, AnalyzerFactory.Create(parameters).Analyze(text).Select(t => t.Text).ToArray());
}
