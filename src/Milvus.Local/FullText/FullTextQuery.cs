using Google.Protobuf;
using Milvus.Local.Catalog;
using Milvus.Local.Data;
using Milvus.Local.Errors;
using Milvus.Local.Search;
using Milvus.Protocol.Common;

namespace Milvus.Local.FullText;

/// <summary>
/// A BM25 search's query vectors, built as Milvus's delegator builds them (buildBM25IDF): each search text goes
/// through the function's input analyzer into term frequencies, weighted by the collection's IDF, and scored with
/// k1, b and the collection's average row length.
/// </summary>
internal static class FullTextQuery
{
    public static List<QueryVector> FromPlaceholderGroup(CollectionMeta c, SearchParameters p, ByteString bytes, IEnumerable<Segment> collectionSegments)
    {
        PlaceholderGroup group;
        try { group = PlaceholderGroup.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) { throw MilvusError.InvalidParameter($"failed to unmarshal BM25 search placeholder group: {e.Message}"); }
        if (group.Placeholders.Count != 1 || group.Placeholders[0].Values.Count == 0)
            throw MilvusError.InvalidParameter("please provide varchar/text for BM25 Function based search");
        var holder = group.Placeholders[0];
        if (holder.Type != PlaceholderType.VarChar)
            throw MilvusError.InvalidParameter($"please provide varchar/text for BM25 Function based search, got {MilvusTypeNames.Of(holder.Type)}");
        var function = FunctionRules.Bm25Producing(c.Schema, p.Field.FieldID)
            ?? throw MilvusError.InvalidParameter($"field {p.Field.Name} is not the output of a BM25 function");
        var input = c.Schema.Fields.First(f => f.FieldID == function.InputFieldIds[0]);
        var stats = Bm25Statistics.Of(collectionSegments, p.Field.FieldID);
        var options = p.Sparse!;
        var scorer = SparseScorer.Bm25(options.K1, options.B, (float)stats.AverageLength);
        return holder.Values.Select(text => new QueryVector(null, null, stats.WeighQuery(Bm25Function.QueryTerms(input, text.ToStringUtf8())), Scorer: scorer)).ToList();
    }
}
