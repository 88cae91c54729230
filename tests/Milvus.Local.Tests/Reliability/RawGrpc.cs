using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// Sends hand-made gRPC frames over h2c, as a hostile or broken client would: bytes that are no protobuf, or a gzip
/// frame that inflates far beyond its size. Returns the call's grpc-status and grpc-message.
/// </summary>
internal static class RawGrpc
{
    public static async Task<(int Status, string Message)> CallAsync(string address, string method, byte[] payload, bool gzip = false)
    {
        using var handler = new SocketsHttpHandler();
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var frame = new byte[5 + payload.Length];
        frame[0] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{address}/milvus.proto.milvus.MilvusService/{method}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (gzip) request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
        string? Header(string name) => (response.TrailingHeaders.TryGetValues(name, out var t) ? t : response.Headers.TryGetValues(name, out var h) ? h : null)?.FirstOrDefault();
        return (int.Parse(Header("grpc-status") ?? "-1"), Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }

    /// <summary>gzip of <paramref name="megabytes"/> MiB of zeros (about a thousandth of that in size).</summary>
    public static byte[] GzipBomb(int megabytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) gzip.Write(zeros);
        }
        return output.ToArray();
    }
}
