using System.Runtime.InteropServices;
using Milvus.Local.Storage;

namespace Milvus.Local.Tests.Storage;

/// <summary>
/// <see cref="LoadBuffers"/>: a large array a load reads a blob into has its pages mapped before the copy (one madvise
/// instead of a page fault per 4 KiB), which mincore shows as resident pages of a freshly allocated, unwritten array.
/// </summary>
public sealed class LoadBuffersTests
{
    private const int PageBytes = 4096;

    [Fact]
    public void A_large_buffer_is_resident_before_anything_is_written_into_it()
    {
        if (!OperatingSystem.IsLinux()) return; // MADV_POPULATE_WRITE and mincore are Linux's
        const int length = 64 << 20;
        var bytes = LoadBuffers.Allocate(length);

        Assert.Equal(length, bytes.Length);
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            var address = (nuint)handle.AddrOfPinnedObject();
            var first = (address + PageBytes - 1) & ~(nuint)(PageBytes - 1);
            var end = (address + length) & ~(nuint)(PageBytes - 1);
            var residency = new byte[(end - first) / PageBytes];
            Assert.Equal(0, Mincore(first, end - first, residency));
            Assert.Equal(residency.Length, residency.Count(page => (page & 1) == 1));
        }
        finally
        {
            handle.Free();
        }
    }

    [Fact]
    public void A_small_buffer_is_a_plain_array_of_the_length_asked()
    {
        var bytes = LoadBuffers.Allocate(100);
        Assert.Equal(100, bytes.Length);
        bytes.AsSpan().Fill(7);
        Assert.All(bytes, b => Assert.Equal(7, b));
    }

    [DllImport("libc", EntryPoint = "mincore")]
    private static extern int Mincore(nuint address, nuint length, [Out] byte[] residency);
}
