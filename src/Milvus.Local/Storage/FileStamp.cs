using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Milvus.Local.Storage;

/// <summary>
/// What the file system says about an open file without reading it: size, inode, last modification and last status
/// change (nanoseconds since the Unix epoch). Any write, truncation, rename over it or touch of the file changes the
/// change time (which, unlike the modification time, cannot be set back by a program) or the inode, so a file whose
/// stamp is the one recorded when its content was hashed still holds that content, provided the recorded change time
/// was older than the moment of recording by more than the file system's timestamp granularity (see
/// <see cref="IsSettledAt"/>). On Linux the stamp comes from statx; elsewhere from the size and the last write time
/// (no inode, change time = write time).
/// </summary>
internal readonly partial record struct FileStamp(long Size, long Inode, long ModifiedNs, long ChangedNs)
{
    /// <summary>Coarsest timestamp granularity allowed for (FAT: 2 s; ext4 and the Linux kernel clock: ~4-10 ms).</summary>
    public static readonly long GranularityNs = 2_000_000_000L;

    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private static bool _noStatx;

    /// <summary>
    /// Whether a stamp taken at <paramref name="recordedAtNs"/> pins the content: a change after that moment gets a
    /// change time past the recorded one only if the recorded one was already a whole granularity old (git's
    /// "racily clean" entries are the same problem).
    /// </summary>
    public bool IsSettledAt(long recordedAtNs) => recordedAtNs - ChangedNs > GranularityNs;

    /// <summary>Now, in the stamps' unit.</summary>
    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>The stamp of the file open as <paramref name="handle"/> (at <paramref name="path"/>).</summary>
    public static FileStamp Of(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsLinux() && !_noStatx)
        {
            try
            {
                var buffer = new byte[256];
                if (statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) == 0)
                    return new FileStamp(Read64(buffer, 40), Read64(buffer, 32), TimeNs(buffer, 112), TimeNs(buffer, 96));
            }
            catch (EntryPointNotFoundException)
            {
                _noStatx = true;
            }
        }
        var written = (File.GetLastWriteTimeUtc(path) - DateTime.UnixEpoch).Ticks * 100;
        return new FileStamp(RandomAccess.GetLength(handle), 0, written, written);
    }

    private static long Read64(byte[] buffer, int offset) => BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset));

    // struct statx_timestamp { __s64 tv_sec; __u32 tv_nsec; __s32 reserved; }
    private static long TimeNs(byte[] buffer, int offset) => Read64(buffer, offset) * 1_000_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
