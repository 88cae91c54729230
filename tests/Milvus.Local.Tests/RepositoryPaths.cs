namespace Milvus.Local.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up to Milvus.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/compat: the Node SDK scripts and their pinned node_modules.</summary>
    public static string Compat => Path.Combine(Root, "tests", "compat");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Milvus.sln"))) return dir.FullName;
        throw new InvalidOperationException("Milvus.sln not found above " + AppContext.BaseDirectory);
    }
}
