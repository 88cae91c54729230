using Google.Protobuf;
using Grpc.Core;
using Milvus.Protocol.Api;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Server;

/// <summary>
/// A minimal MilvusService for testing the host's transport alone (binding, h2c, unix sockets, message sizes),
/// independent of the engine: GetVersion names it, Insert echoes its payload back.
/// </summary>
public sealed class TransportProbeService : MilvusService.MilvusServiceBase
{
    public const string Version = "transport-probe";

    public override Task<GetVersionResponse> GetVersion(GetVersionRequest request, ServerCallContext context) =>
        Task.FromResult(new GetVersionResponse { Version = Version });

    /// <summary>Answers with the first binary vector's bytes as a string id, so the response is as big as the request.</summary>
    public override Task<MutationResult> Insert(InsertRequest request, ServerCallContext context)
    {
        var payload = request.FieldsData[0].Vectors.BinaryVector;
        return Task.FromResult(new MutationResult
        {
            InsertCnt = payload.Length,
            IDs = new IDs { StrId = new StringArray { Data = { payload.ToString(System.Text.Encoding.ASCII) } } },
        });
    }

    public static InsertRequest InsertOf(ByteString payload) => new()
    {
        CollectionName = "probe",
        FieldsData = { new FieldData { FieldName = "v", Vectors = new VectorField { BinaryVector = payload } } },
    };
}
