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
    private sealed class BoundedReadStream(Stream inflating, ConsumedCounter compressed) : ObservedReadStream(inflating)
    {
        private long _produced;

        protected override int Observe(int read)
        {
            _produced += read;
            if (_produced > MessageLimits.MaxReceiveBytes) throw MessageLimits.DecompressedTooLarge();
            var input = compressed.Consumed;
            if (_produced > MessageLimits.RatioCheckAfterBytes && _produced > input * MessageLimits.MaxDecompressionRatio)
                throw MessageLimits.DecompressionRatioTooHigh(input);
            return read;
        }
    }

    /// <summary>Counts the compressed bytes the gzip stream has taken so far (the input stream may not know its length).</summary>
    private sealed class ConsumedCounter(Stream inner) : ObservedReadStream(inner)
    {
        public long Consumed { get; private set; }

        protected override int Observe(int read)
        {
            Consumed += read;
            return read;
        }
    }

    /// <summary>A forward-only, read-only stream over <paramref name="inner"/> that sees every count it reads.</summary>
    private abstract class ObservedReadStream(Stream inner) : Stream
    {
        protected abstract int Observe(int read);

        public override int Read(byte[] buffer, int offset, int count) => Observe(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Observe(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Observe(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
