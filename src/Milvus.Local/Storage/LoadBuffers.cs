using System.Runtime.InteropServices;

namespace Milvus.Local.Storage;

/// <summary>
/// The arrays a load reads a large stored blob into (a vector column, an index graph), with their memory mapped in one
/// system call before the copy (madvise MADV_POPULATE_WRITE, Linux 5.14+) instead of one page fault per 4 KiB as the
/// copy first touches it. On a virtual machine that hands free pages back to its host every such fault is a trip to
/// the host: a 307 MB column is 75,000 of them, which took longer than reading the blob itself (docs/performance.md,
/// "Start-up"). Elsewhere, or when the kernel refuses the advice, the array is returned as it is.
/// </summary>
internal static partial class LoadBuffers
{
    private const int MadvPopulateWrite = 23;
    private const int PageBytes = 4096;

    /// <summary>Below this the faults cost less than the call.</summary>
    private const int MinPrefaultBytes = 1 << 20;

    /// <summary>An uninitialized array of <paramref name="length"/> bytes, its pages already mapped where the OS allows.</summary>
    public static byte[] Allocate(int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        if (length >= MinPrefaultBytes && OperatingSystem.IsLinux()) Prefault(bytes);
        return bytes;
    }

    private static unsafe void Prefault(byte[] bytes)
    {
        fixed (byte* start = bytes)
        {
            // Whole pages inside the array only: madvise takes page-aligned ranges.
            var first = ((nuint)start + PageBytes - 1) & ~(nuint)(PageBytes - 1);
            var end = ((nuint)start + (nuint)bytes.Length) & ~(nuint)(PageBytes - 1);
            if (end <= first) return;
            try
            {
                // A refusal (older kernel: EINVAL) only means the faults happen during the copy, as without the advice.
                _ = Madvise(first, end - first, MadvPopulateWrite);
            }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
