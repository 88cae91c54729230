using Google.Protobuf;
using Grpc.Core;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using Xunit.Abstractions;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// Mutated requests: valid requests with random bytes flipped, cut or repeated. Whatever still parses is sent to the
/// engine; each call must end with a reply status or a gRPC status (never a failure of the transport), and the
/// engine must keep serving with its data intact.
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Mutations = 1500;
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Mutated_requests_are_answered_and_leave_the_engine_serving()
    {
        Ok(_h.CreateCollection("c", Int64Pk(), VarChar("s", 16), Vector("v", DataType.FloatVector, 4)));
        _h.IndexAndLoad("c", "v", "L2");
        Ok(_h.Insert("c", Longs("id", 1, 2, 3), Strings("s", "a", "b", "c"), FloatVectors("v", 4, [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])).Status);
        var seeds = new (string Name, IMessage Message, Func<byte[], IMessage?> Send)[]
        {
            ("Insert", new InsertRequest { CollectionName = "c", NumRows = 1, FieldsData = { Longs("id", 9), Strings("s", "z"), FloatVectors("v", 4, [[1, 1, 1, 1]]) } },
                b => _h.Client.Insert(InsertRequest.Parser.ParseFrom(b))),
            ("Search", new SearchRequest { CollectionName = "c", PlaceholderGroup = FloatPlaceholder([1, 0, 0, 0]), Dsl = "s != 'q'", DslType = DslType.BoolExprV1,
                SearchParams = { new Milvus.Protocol.Common.KeyValuePair { Key = "topk", Value = "2" } } },
                b => _h.Client.Search(SearchRequest.Parser.ParseFrom(b))),
            ("Query", new QueryRequest { CollectionName = "c", Expr = "id in [1, 2] and s like 'a%'", OutputFields = { "s", "v" } },
                b => _h.Client.Query(QueryRequest.Parser.ParseFrom(b))),
            ("Delete", new DeleteRequest { CollectionName = "c", Expr = "id in [99]" }, b => _h.Client.Delete(DeleteRequest.Parser.ParseFrom(b))),
        };
        var random = new Random(1616);
        int parsed = 0, unparsable = 0, statuses = 0, grpcErrors = 0;
        var unexpected = new HashSet<string>();
        for (var i = 0; i < Mutations; i++)
        {
            var (_, message, send) = seeds[i % seeds.Length];
            var bytes = Mutate(message.ToByteArray(), random);
            try
            {
                var reply = send(bytes);
                parsed++;
                if (reply?.Descriptor.FindFieldByName("status")?.Accessor.GetValue(reply) is Milvus.Protocol.Common.Status { Code: not 0 } status)
                {
                    statuses++;
                    if (status.Code == 65535) unexpected.Add(status.Reason);
                }
            }
            catch (InvalidProtocolBufferException)
            {
                unparsable++;
            }
            catch (RpcException e)
            {
                Assert.NotEqual(StatusCode.Unavailable, e.StatusCode);
                grpcErrors++;
            }
        }

        output.WriteLine($"{Mutations} mutated requests: {unparsable} unparsable, {parsed} answered ({statuses} with an error status), {grpcErrors} gRPC errors");
        foreach (var reason in unexpected) output.WriteLine($"  code 65535: {reason}");
        var rows = _h.Query("c", "id in [1, 2, 3]", ["s"]);
        Ok(rows.Status);
        Assert.Equal(["a", "b", "c"], rows.FieldsData.Single(f => f.FieldName == "s").Scalars.StringData.Data.Order(StringComparer.Ordinal));
        Assert.True(parsed > Mutations / 10, $"too few mutations parsed ({parsed}) to exercise the engine");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var copy = bytes.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && copy.Count > 0; edits--)
        {
            var at = random.Next(copy.Count);
            switch (random.Next(4))
            {
                case 0: copy[at] = (byte)random.Next(256); break;
                case 1: copy.RemoveRange(at, Math.Min(random.Next(1, 8), copy.Count - at)); break;
                case 2: copy.InsertRange(at, copy.Skip(at).Take(random.Next(1, 8)).ToList()); break;
                default: copy[at] ^= (byte)(1 << random.Next(8)); break;
            }
        }
        return copy.ToArray();
    }
}
