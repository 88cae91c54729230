using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Engine;

/// <summary>Query order_by_fields (Milvus 3.0) over both transports (see the derived classes at the end of the file).</summary>
public abstract class QueryOrderByTests : IDisposable
{
    private readonly LocalEngineHarness _h;

    protected QueryOrderByTests(EngineTransport transport)
    {
        _h = new LocalEngineHarness(transport);
        Ok(_h.CreateCollection("shop", Int64Pk(), Scalar("price", DataType.Double, nullable: true), VarChar("name", 8), Vector("vec", DataType.FloatVector, 2)));
        var price = new FieldData { FieldName = "price", Type = DataType.Double, Scalars = new ScalarField { DoubleData = new DoubleArray { Data = { 5, 0, 3, 5, 0 } } } };
        price.ValidData.Add([true, false, true, true, false]);
        Ok(_h.Client.Insert(new InsertRequest
        {
            CollectionName = "shop", NumRows = 5,
            FieldsData = { Longs("id", 1, 2, 3, 4, 5), price, Strings("name", "b", "a", "c", "a", "d"), FloatVectors("vec", 2, [[1, 0], [1, 0], [1, 0], [1, 0], [1, 0]]) },
        }).Status);
        _h.IndexAndLoad("shop", "vec", "L2");
    }

    public void Dispose() => _h.Dispose();

    private QueryResults Ordered(string orderBy, int? limit = 10, int? offset = null)
    {
        var request = new QueryRequest { CollectionName = "shop", Expr = "id > 0", OutputFields = { "id" } };
        request.QueryParams.Add(new KeyValuePair { Key = "order_by_fields", Value = orderBy });
        if (limit is not null) request.QueryParams.Add(new KeyValuePair { Key = "limit", Value = limit.ToString() });
        if (offset is not null) request.QueryParams.Add(new KeyValuePair { Key = "offset", Value = offset.ToString() });
        return _h.Client.Query(request);
    }

    private static long[] Ids(QueryResults reply)
    {
        Ok(reply.Status);
        return reply.FieldsData.Single(f => f.FieldName == "id").Scalars.LongData.Data.ToArray();
    }

    [Theory]
    [InlineData("price", new long[] { 3, 1, 4, 2, 5 })]                       // ascending: nulls last, ties in key order
    [InlineData("price:asc", new long[] { 3, 1, 4, 2, 5 })]
    [InlineData("price:desc", new long[] { 2, 5, 1, 4, 3 })]                  // descending: nulls first
    [InlineData("price:desc:nulls_last", new long[] { 1, 4, 3, 2, 5 })]
    [InlineData("price:asc:nulls_first", new long[] { 2, 5, 3, 1, 4 })]
    [InlineData("price:asc,name:desc", new long[] { 3, 1, 4, 5, 2 })]         // name breaks the price ties
    [InlineData("name, id:desc", new long[] { 4, 2, 1, 3, 5 })]
    public void Rows_come_back_in_the_requested_order(string orderBy, long[] expected)
        => Assert.Equal(expected, Ids(Ordered(orderBy)));

    [Fact]
    public void Limit_and_offset_page_through_the_ordered_rows()
    {
        Assert.Equal([1L, 4], Ids(Ordered("price", limit: 2, offset: 1)));
        Assert.Equal([2L, 5], Ids(Ordered("price", limit: 2, offset: 3)));
    }

    [Theory]
    [InlineData("price", null, "ORDER BY requires explicit limit: invalid parameter")]
    [InlineData("vec", 10, "order_by field 'vec' has type FloatVector which is not sortable: invalid parameter")]
    [InlineData("nope:desc", 10, "order_by field 'nope' does not exist in collection schema: invalid parameter")]
    [InlineData("price:up", 10, "invalid order direction 'up' for field 'price', must be 'asc' or 'desc': invalid parameter")]
    [InlineData("price:asc:nulls", 10, "invalid null ordering 'nulls', must be 'nulls_first' or 'nulls_last': invalid parameter")]
    public void Bad_order_specs_fail_as_milvus_does(string orderBy, int? limit, string reason)
        => Fails(Ordered(orderBy, limit).Status, 1100, reason);
}

public sealed class QueryOrderByInProcessTests() : QueryOrderByTests(EngineTransport.InProcess);

public sealed class QueryOrderByKestrelTests() : QueryOrderByTests(EngineTransport.Kestrel);
