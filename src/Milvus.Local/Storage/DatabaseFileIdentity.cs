using System.Runtime.InteropServices;

namespace Milvus.Local.Storage;

/// <summary>
/// The one name of a database file: the absolute path with every symbolic link, "." and ".." resolved (realpath on
/// Unix), and the paths this process has open, so a second engine on the same file is refused without touching it.
/// (Touching it would matter: closing any other descriptor of the file drops SQLite's POSIX locks in this process.)
/// </summary>
internal static partial class DatabaseFileIdentity
{
    private static readonly HashSet<string> OpenHere = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>The resolved path of <paramref name="fullPath"/> (its folder's, plus the name, while the file does not exist).</summary>
    public static string Resolve(string fullPath)
    {
        if (OperatingSystem.IsWindows())
            return File.Exists(fullPath) && new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : fullPath;
        if (RealPath(fullPath) is { } real) return real;
        var directory = Path.GetDirectoryName(fullPath);
        return directory is not null && RealPath(directory) is { } realDirectory ? Path.Combine(realDirectory, Path.GetFileName(fullPath)) : fullPath;
    }

    /// <summary>Claims <paramref name="resolvedPath"/> for this process; false when an engine here has it open.</summary>
    public static bool TryClaim(string resolvedPath)
    {
        lock (OpenHere) return OpenHere.Add(resolvedPath);
    }

    public static void Release(string resolvedPath)
    {
        lock (OpenHere) OpenHere.Remove(resolvedPath);
    }

    private static string? RealPath(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);
}
