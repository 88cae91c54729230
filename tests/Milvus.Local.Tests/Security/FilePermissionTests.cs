using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Schema;
using static Milvus.Local.Tests.Engine.LocalEngineHarness;

namespace Milvus.Local.Tests.Security;

/// <summary>The database file and its side files (-wal, -shm) are created readable and writable by the owner only.</summary>
public sealed class FilePermissionTests
{
    [Fact]
    public void New_database_and_side_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // Windows ACLs of the user's profile apply there
        using var h = new LocalEngineHarness();
        Ok(h.CreateCollection("docs", Int64Pk(), Vector("vec", DataType.FloatVector, 2)));
        var files = new[] { h.Path, h.Path + "-wal", h.Path + "-shm" };
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }
}
