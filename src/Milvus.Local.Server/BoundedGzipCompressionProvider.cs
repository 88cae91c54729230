using System.IO.Compression;
using Grpc.Net.Compression;
using Milvus.Local.Rpc;

namespace Milvus.Local.Server;

/// <summary>
/// gzip for gRPC messages that refuses to inflate a request past <see cref="MessageLimits.MaxReceiveBytes"/> or past
/// <see cref="MessageLimits.MaxDecompressionRatio"/> times its compressed size: the default provider inflates
/// without a bound, so a 2 MB gzip bomb took the server to gigabytes. Replies are compressed as usual.
/// </summary>
internal sealed class BoundedGzipCompressionProvider : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel)
        => new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream)
    {
        var compressed = new ConsumedCounter(stream);
        return new BoundedReadStream(new GZipStream(compressed, CompressionMode.Decompress), compressed);
    }

    /// <summary>Counts what the gzip stream yields and fails the call before the output passes the bounds.</summary>
    private sealed class BoundedReadStream(Stream inflating, ConsumedCounter compressed) : ReadOnlyStream
    {
        private long _produced;

        public override int Read(byte[] buffer, int offset, int count) => Count(inflating.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inflating.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inflating.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _produced += read;
            if (_produced > MessageLimits.MaxReceiveBytes) throw MessageLimits.DecompressedTooLarge();
            var input = compressed.Consumed;
            if (_produced > MessageLimits.RatioCheckAfterBytes && _produced > input * MessageLimits.MaxDecompressionRatio)
                throw MessageLimits.DecompressionRatioTooHigh(input);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inflating.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Counts the compressed bytes the gzip stream has taken so far (the input stream may not know its length).</summary>
    private sealed class ConsumedCounter(Stream inner) : ReadOnlyStream
    {
        public long Consumed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Add(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Add(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Add(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Add(int read)
        {
            Consumed += read;
            return read;
        }
    }

    /// <summary>The members a forward-only, read-only stream leaves unsupported.</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
