using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Milvus.PowerShell.Loading;

/// <summary>
/// Runs on Import-Module: routes the cmdlet assembly's references to Milvus.Client (and our other own assemblies)
/// into the private <see cref="DependencyLoadContext"/>. Only our assemblies are answered here; their own dependencies
/// (Grpc, Google.Protobuf, SQLite) then resolve inside the private context. This class must not touch Milvus.Client
/// types, because it runs before the resolver is in place.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>Assemblies of this project that live in dependencies/ and load into the private context.</summary>
    internal static readonly string[] OwnAssemblies = ["Milvus.Client", "Milvus.Local", "Milvus.Protocol"];

    private static readonly object Gate = new();
    private static DependencyLoadContext? s_context;

    /// <summary>The private context, or null when the module runs without a dependencies folder (in-process tests).</summary>
    internal static DependencyLoadContext? Context => s_context;

    public void OnImport() => Register(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty);

    /// <summary>
    /// Installs the resolver for a module folder. Milvus.psm1 calls this before importing the cmdlets, because
    /// PowerShell's scan of the cmdlet assembly (which runs before <see cref="OnImport"/>) already needs Milvus.Client.
    /// </summary>
    public static void Register(string moduleDirectory)
    {
        lock (Gate)
        {
            if (s_context is not null)
            {
                return;
            }

            string dependencies = Path.Combine(moduleDirectory, "dependencies");
            if (!Directory.Exists(dependencies))
            {
                return; // development layout: everything sits next to the cmdlet DLL in the default context
            }

            s_context = new DependencyLoadContext(dependencies);
            AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        Connections.ModuleCleanup.DisposeAllConnections();
    }

    private static Assembly? ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        DependencyLoadContext? context = s_context;
        if (context is null || name.Name is null || Array.IndexOf(OwnAssemblies, name.Name) < 0)
        {
            return null;
        }

        return context.LoadFromAssemblyName(name);
    }
}
