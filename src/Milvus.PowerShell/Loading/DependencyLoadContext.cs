using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Milvus.PowerShell.Loading;

/// <summary>
/// The module's private AssemblyLoadContext. It loads Milvus.Client and everything it depends on (gRPC, Protobuf,
/// SQLite, the local engine) from the module's <c>dependencies</c> folder, so another module's copy of the same
/// libraries in the session never clashes with ours. Framework assemblies are left to the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;
    private readonly string _runtimeDirectory;

    public DependencyLoadContext(string dependencyDirectory)
        : base(nameof(DependencyLoadContext) + ":Milvus", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
    }

    public string DependencyDirectory => _dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name))
        {
            return null;
        }

        // Shared-framework assemblies (System.*, netstandard...) must be the same instance everywhere.
        if (File.Exists(Path.Combine(_runtimeDirectory, assemblyName.Name + ".dll")))
        {
            return null;
        }

        string candidate = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (string path in NativeLibraryCandidates(unmanagedDllName))
        {
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>Where a published native library (e.g. e_sqlite3) can sit: the folder itself or runtimes/RID/native.</summary>
    private IEnumerable<string> NativeLibraryCandidates(string name)
    {
        string[] fileNames = NativeFileNames(name);
        string runtimes = Path.Combine(_dependencyDirectory, "runtimes");
        foreach (string rid in RuntimeIdentifierFallbacks())
        {
            foreach (string file in fileNames)
            {
                yield return Path.Combine(runtimes, rid, "native", file);
            }
        }

        foreach (string file in fileNames)
        {
            yield return Path.Combine(_dependencyDirectory, file);
        }
    }

    private static string[] NativeFileNames(string name)
    {
        if (Path.HasExtension(name) && (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".so", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase)))
        {
            return [name];
        }

        if (OperatingSystem.IsWindows())
        {
            return [name + ".dll", name];
        }

        string extension = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        return name.StartsWith("lib", StringComparison.Ordinal)
            ? [name + extension, name]
            : ["lib" + name + extension, name + extension, name];
    }

    private static IEnumerable<string> RuntimeIdentifierFallbacks()
    {
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return RuntimeInformation.RuntimeIdentifier;
        if (OperatingSystem.IsWindows())
        {
            yield return "win-" + arch;
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "osx-" + arch;
        }
        else
        {
            bool musl = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
            yield return (musl ? "linux-musl-" : "linux-") + arch;
            yield return "linux-" + arch;
        }
    }
}
