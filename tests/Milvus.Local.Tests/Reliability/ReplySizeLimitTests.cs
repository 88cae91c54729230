using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Server;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// The server's send-side cap answers as a Milvus server (grpc-go server.go): RESOURCE_EXHAUSTED "grpc: trying to
/// send message larger than max (SIZE vs. MAX)" with the encoded reply's size, not ASP.NET Core's own wording. The cap
/// is lowered to 1 MiB so an ordinary query passes it; at Milvus's 256 MiB, maxOutputSize (100 MiB) refuses search and
/// query results first (RequestLimitTests).
/// </summary>
public sealed class ReplySizeLimitTests
{
    [Fact]
    public void A_reply_over_the_send_limit_is_refused_with_grpc_gos_error_and_a_smaller_one_passes()
    {
        const int cap = 1024 * 1024;
        using var capped = new LocalEngineHarness(EngineTransport.Kestrel, serverOptions: new LocalServerOptions { Port = 0, MaxSendBytes = cap });
        using var reference = new LocalEngineHarness(EngineTransport.Kestrel);
        foreach (var h in new[] { capped, reference })
        {
            Ok(h.CreateCollection("c", Int64Pk(), Vector("v", DataType.FloatVector, 512)));
            var ids = Enumerable.Range(0, 800).Select(i => (long)i).ToArray();
            Ok(h.Insert("c", Longs("id", ids), FloatVectors("v", 512, ids.Select(i => Enumerable.Repeat((float)i, 512).ToArray()).ToArray())).Status);
            h.IndexAndLoad("c", "v", "L2");
        }

        // 800 rows x 2 KiB of vector: about 1.6 MB, measured on an uncapped server.
        var full = reference.Query("c", "id >= 0", ["v"]);
        Ok(full.Status);
        var size = full.CalculateSize();
        Assert.InRange(size, cap + 1, 2 * cap);

        var error = Assert.Throws<RpcException>(() => capped.Query("c", "id >= 0", ["v"]));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"grpc: trying to send message larger than max ({size} vs. {cap})", error.Status.Detail);

        var small = capped.Query("c", "id < 100", ["v"]);
        Ok(small.Status);
        Assert.Equal(100, small.FieldsData.Single(f => f.FieldName == "v").Vectors.FloatVector.Data.Count / 512);
    }
}
