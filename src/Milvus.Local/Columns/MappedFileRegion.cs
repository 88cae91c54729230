using System.IO.MemoryMappedFiles;

namespace Milvus.Local.Columns;

/// <summary>
/// A read-only memory mapping of a file's bytes (a cache file of a sealed segment's vector column, Milvus's
/// <c>mmap.enabled</c>). The pages live in the page cache, not in the process's anonymous memory. Readers take spans
/// or references into it, which do not keep it alive: the mapping is released only by the finalizer, once the column
/// that owns it is unreachable (every reader reaches the column through a segment view it holds for the whole read).
/// The file itself may be deleted while mapped (on Unix the pages stay valid until the mapping goes).
/// </summary>
internal sealed unsafe class MappedFileRegion
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private int _released;

    private MappedFileRegion(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        Length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    /// <summary>Maps <paramref name="length"/> bytes of the file at <paramref name="path"/> read-only (length &gt; 0).</summary>
    public static MappedFileRegion Open(string path, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        if (stream.Length < length) throw new IOException($"{path} holds {stream.Length} bytes, expected {length}");
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            return new MappedFileRegion(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(_pointer, Length);

    public ref byte Reference => ref *_pointer;

    ~MappedFileRegion()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        // The view's SafeHandle has a critical finalizer, which runs after this one: releasing our reference here
        // lets it unmap.
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
