namespace Milvus.Compat.Tests.Infrastructure;

/// <summary>One pinned install of the official Node SDK under tests/compat/node_modules.</summary>
/// <param name="Folder">its folder under node_modules (the package name, or an npm alias)</param>
/// <param name="Version">the exact version tests/compat/package.json pins</param>
public sealed record NodeSdkInstall(string Folder, string Version)
{
    public string PackageDirectory => Path.Combine(NodeSdk.CompatDirectory, "node_modules", Folder);

    /// <summary>The protobufjs JSON descriptor the SDK ships: the protocol facts of its Milvus version.</summary>
    public string DescriptorPath => Path.Combine(PackageDirectory, "dist", "milvus", "proto-json", "milvus.js");

    /// <summary>The environment that makes tests/compat/scripts load this SDK (scripts/lib/sdk.js reads MILVUS_NODE_SDK).</summary>
    public IReadOnlyDictionary<string, string> ScriptEnvironment => new Dictionary<string, string> { ["MILVUS_NODE_SDK"] = ModuleName };

    /// <summary>The first line every script prints (scripts/lib/harness.js): proof of which SDK it ran.</summary>
    public string ScriptBanner => $"sdk {ModuleName} {Version}\n";

    private string ModuleName => Folder.Replace(Path.DirectorySeparatorChar, '/');

    public override string ToString() => $"{NodeSdk.PackageName} {Version}";
}

/// <summary>
/// Locates tests/compat and the pinned Node SDKs installed there. A missing install is a failure with the
/// setup instruction, never a silent skip: the compatibility proof must not quietly disappear.
/// </summary>
public static class NodeSdk
{
    public const string PackageName = "@zilliz/milvus2-sdk-node";

    /// <summary>The protocol baseline (Milvus 3.0): src/Milvus.Protocol is generated from its descriptor.</summary>
    public static readonly NodeSdkInstall Baseline = new("milvus2-sdk-node-3", "3.0.6");

    /// <summary>The previous baseline (Milvus 2.6): still a client the server must serve, and a protocol subset.</summary>
    public static readonly NodeSdkInstall Previous = new(Path.Combine("@zilliz", "milvus2-sdk-node"), "2.6.17");

    /// <summary>Every pinned SDK the compatibility workflows run with, by version (xUnit theory data).</summary>
    public static TheoryData<string> ClientVersions => new() { Previous.Version, Baseline.Version };

    /// <summary>The pinned SDK of a version from <see cref="ClientVersions"/>.</summary>
    public static NodeSdkInstall Client(string version) => new[] { Previous, Baseline }.Single(i => i.Version == version);

    public static readonly string SetupHint =
        "run `npm install --no-audit --no-fund --ignore-scripts` in tests/compat (or `./build.ps1 Bootstrap`)";

    /// <summary>tests/compat, found by walking up from the test binaries.</summary>
    public static string CompatDirectory { get; } = FindCompatDirectory();

    public static string ScriptsDirectory => Path.Combine(CompatDirectory, "scripts");

    /// <summary>Throws a clear error unless both pinned SDKs are installed.</summary>
    public static void RequireInstalled()
    {
        foreach (var install in new[] { Previous, Baseline })
        {
            var packageJson = Path.Combine(install.PackageDirectory, "package.json");
            if (!File.Exists(packageJson))
                throw new InvalidOperationException($"The Node SDK {install} is not installed ({packageJson} is missing): {SetupHint}.");
            var version = System.Text.Json.JsonDocument.Parse(File.ReadAllText(packageJson)).RootElement
                .GetProperty("version").GetString();
            if (version != install.Version)
                throw new InvalidOperationException($"tests/compat/node_modules/{install.Folder} has {PackageName} {version}, " +
                                                    $"but the project pins {install.Version}: {SetupHint}.");
        }
    }

    /// <summary>Runs `node args...` in tests/compat (a script that loads no SDK through scripts/lib/sdk.js).</summary>
    public static Task<ProcessResult> RunNodeAsync(IEnumerable<string> arguments, TimeSpan timeLimit)
    {
        RequireInstalled();
        return ProcessRunner.RunAsync("node", arguments, CompatDirectory, timeLimit);
    }

    /// <summary>Runs `node script args...` in tests/compat, the scripts driving <paramref name="sdk"/>.</summary>
    public static Task<ProcessResult> RunNodeAsync(NodeSdkInstall sdk, IEnumerable<string> arguments, TimeSpan timeLimit)
    {
        RequireInstalled();
        return ProcessRunner.RunAsync("node", arguments, CompatDirectory, timeLimit, sdk.ScriptEnvironment);
    }

    private static string FindCompatDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) &&
                Directory.Exists(Path.Combine(dir.FullName, "Milvus.Compat.Tests")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"tests/compat not found above {AppContext.BaseDirectory}");
    }
}
