using System.Globalization;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;

namespace Milvus.Local.Search;

/// <summary>
/// A page request of search iterator v2 (search_params iterator=true, search_iter_v2=true): the iteration's token
/// (a UUID, generated on the first page), the page size and the worst score the previous page returned.
/// Validated as Milvus's proxy does (parseSearchIteratorV2Info).
/// </summary>
internal sealed record SearchIteratorV2(string Token, int BatchSize, float? LastBound)
{
    /// <summary>The iterator info of a search, or null when search_iter_v2 is not set.</summary>
    /// <param name="get">Reads a search parameter by key.</param>
    public static SearchIteratorV2? Parse(Func<string, string?> get, bool isIterator, long offset)
    {
        // Go's strconv.ParseBool, as Milvus reads it: an unparsable value means false.
        if (GoBool.Parse(get("search_iter_v2")) != true) return null;
        if (!isIterator) throw Invalid("both iterator and search_iter_v2 must be set in the SDK: missing parameter");
        if (offset > 0) throw Invalid("Setting an offset is not permitted when using a search iterator v2: invalid parameter");

        var token = get("search_iter_id");
        if (string.IsNullOrEmpty(token)) token = Guid.NewGuid().ToString();
        else if (!Guid.TryParseExact(token, "D", out _)) throw Invalid("invalid token format: invalid parameter");

        var batchText = get("search_iter_batch_size");
        if (string.IsNullOrEmpty(batchText)) throw Invalid("batch size is required: invalid parameter");
        if (!long.TryParse(batchText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var batch))
            throw Invalid($"batch size is invalid: strconv.ParseInt: parsing \"{batchText}\": invalid syntax");
        if (batch <= 0 || batch > SearchParameters.MaxTopK)
            throw Invalid($"batch size is invalid: it should be in range [1, {SearchParameters.MaxTopK}], but got {batch}");

        float? lastBound = null;
        if (get("search_iter_last_bound") is { Length: > 0 } boundText)
        {
            if (!double.TryParse(boundText, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
                throw Invalid($"failed to parse input last bound: strconv.ParseFloat: parsing \"{boundText}\": invalid syntax");
            lastBound = (float)bound;
        }
        return new SearchIteratorV2(token, (int)batch, lastBound);
    }

    /// <summary>The last_bound Milvus answers when a page is empty: the incoming one, else the best possible score.</summary>
    public float BoundWhenEmpty(Metric metric) => LastBound ?? (metric.HigherIsBetter() ? float.MaxValue : -float.MaxValue);

    private static MilvusError Invalid(string detail) => new(1100, $"parse iterator v2 info failed: {detail}", isInputError: true);
}
