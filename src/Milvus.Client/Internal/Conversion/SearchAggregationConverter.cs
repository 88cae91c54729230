using Milvus.Protocol.Common;

namespace Milvus.Client.Internal.Conversion;

/// <summary><see cref="SearchAggregation"/> → <c>common.SearchAggregationSpec</c> (pymilvus SearchAggregation.to_proto).</summary>
internal static class SearchAggregationConverter
{
    public static SearchAggregationSpec ToProto(SearchAggregation aggregation)
    {
        aggregation.Validate();
        var spec = new SearchAggregationSpec { Size = aggregation.Size };
        spec.Fields.AddRange(aggregation.Fields);
        foreach (var (alias, (op, field)) in aggregation.Metrics) spec.Metrics[alias] = new MetricAggSpec { Op = op, FieldName = field };
        foreach (var (key, direction) in aggregation.Order) spec.Order.Add(new OrderSpec { Key = key, Direction = direction });
        if (aggregation.TopHits is { } top)
        {
            spec.TopHits = new TopHitsSpec { Size = top.Size };
            foreach (var (field, direction) in top.Sort) spec.TopHits.Sort.Add(new SortSpec { FieldName = field, Direction = direction });
        }
        if (aggregation.SubAggregation is { } sub) spec.SubAggregation = ToProto(sub);
        return spec;
    }
}
