namespace Milvus.Compat.Tests.Infrastructure;

/// <summary>
/// Locates tests/compat and the pinned Node SDK installed there. A missing install is a failure with the
/// setup instruction, never a silent skip: the compatibility proof must not quietly disappear.
/// </summary>
public static class NodeSdk
{
    public const string PackageName = "@zilliz/milvus2-sdk-node";
    public const string PinnedVersion = "2.6.17";

    public static readonly string SetupHint =
        "run `npm install --no-audit --no-fund --ignore-scripts` in tests/compat (or `./build.ps1 Bootstrap`)";

    /// <summary>tests/compat, found by walking up from the test binaries.</summary>
    public static string CompatDirectory { get; } = FindCompatDirectory();

    public static string PackageDirectory => Path.Combine(CompatDirectory, "node_modules", "@zilliz", "milvus2-sdk-node");

    public static string DescriptorPath => Path.Combine(PackageDirectory, "dist", "milvus", "proto-json", "milvus.js");

    public static string ScriptsDirectory => Path.Combine(CompatDirectory, "scripts");

    /// <summary>Throws a clear error unless the pinned SDK is installed.</summary>
    public static void RequireInstalled()
    {
        var packageJson = Path.Combine(PackageDirectory, "package.json");
        if (!File.Exists(packageJson))
            throw new InvalidOperationException($"The Node SDK {PackageName} {PinnedVersion} is not installed " +
                                                $"({packageJson} is missing): {SetupHint}.");
        var version = System.Text.Json.JsonDocument.Parse(File.ReadAllText(packageJson)).RootElement
            .GetProperty("version").GetString();
        if (version != PinnedVersion)
            throw new InvalidOperationException($"tests/compat has {PackageName} {version}, but the protocol baseline " +
                                                $"is {PinnedVersion}: {SetupHint}.");
    }

    /// <summary>Runs `node script args...` in tests/compat.</summary>
    public static Task<ProcessResult> RunNodeAsync(IEnumerable<string> arguments, TimeSpan timeLimit)
    {
        RequireInstalled();
        return ProcessRunner.RunAsync("node", arguments, CompatDirectory, timeLimit);
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
