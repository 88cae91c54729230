using System.Runtime.InteropServices;

namespace Milvus.Benchmarks.Storage;

/// <summary>
/// Makes a database's files cold without root ("--cold" of the storage reopen modes): each file's clean pages are
/// dropped from the page cache with posix_fadvise(POSIX_FADV_DONTNEED) after an fdatasync (dirty pages are not
/// dropped), and mincore over a mapping of each file tells how many of its pages are still cached (what fincore
/// prints), so a run shows that the eviction worked and how much the reopen read back. Linux only.
/// </summary>
internal static class PageCache
{
    private const int PosixFadvDontNeed = 4;
    private const int ProtRead = 1;
    private const int MapShared = 1;
    private const long PageBytes = 4096;

    /// <summary>The files a reopen of <paramref name="databasePath"/> reads: the database, its WAL and its mmap cache files.</summary>
    public static List<string> FilesOf(string databasePath)
    {
        var files = new List<string> { databasePath };
        if (File.Exists(databasePath + "-wal")) files.Add(databasePath + "-wal");
        if (Directory.Exists(databasePath + ".mmap")) files.AddRange(Directory.EnumerateFiles(databasePath + ".mmap", "*", SearchOption.AllDirectories));
        return files;
    }

    /// <summary>Drops the files' clean pages from the page cache.</summary>
    public static void Evict(IEnumerable<string> files)
    {
        foreach (var path in files)
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            var fd = (int)file.DangerousGetHandle();
            if (fdatasync(fd) != 0) throw new IOException($"fdatasync {path}: errno {Marshal.GetLastPInvokeError()}");
            var error = posix_fadvise(fd, 0, 0, PosixFadvDontNeed);
            if (error != 0) throw new IOException($"posix_fadvise {path}: error {error}");
        }
    }

    /// <summary>Bytes of the files in all, and bytes of them in the page cache now (mincore over a read-only mapping).</summary>
    public static (long Total, long Cached) Measure(IEnumerable<string> files)
    {
        long total = 0, cached = 0;
        foreach (var path in files)
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(file);
            total += length;
            if (length == 0) continue;
            var address = mmap(IntPtr.Zero, (nuint)length, ProtRead, MapShared, (int)file.DangerousGetHandle(), 0);
            if (address == new IntPtr(-1)) throw new IOException($"mmap {path}: errno {Marshal.GetLastPInvokeError()}");
            try
            {
                var pages = new byte[(length + PageBytes - 1) / PageBytes];
                if (mincore(address, (nuint)length, pages) != 0) throw new IOException($"mincore {path}: errno {Marshal.GetLastPInvokeError()}");
                cached += pages.Count(p => (p & 1) != 0) * PageBytes;
            }
            finally
            {
                _ = munmap(address, (nuint)length);
            }
        }
        return (total, cached);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    [DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(IntPtr address, nuint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int mincore(IntPtr address, nuint length, byte[] pages);
}
