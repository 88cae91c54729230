namespace Milvus.Local.Tests.Server;

/// <summary>A fresh directory under the system temp folder, deleted (with its database files) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    // Unix socket paths are limited to ~107 bytes, so keep the name short.
    public string Path { get; } = Directory.CreateTempSubdirectory("mls").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a killed process may still hold a file for a moment; the OS temp cleaner gets it */ }
    }
}
