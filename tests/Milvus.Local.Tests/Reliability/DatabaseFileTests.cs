using System.Diagnostics;
using Milvus.Local.Storage;
using Milvus.Local.Tests.Server;

namespace Milvus.Local.Tests.Reliability;

/// <summary>
/// One file, one engine: the lock follows the file, not the spelling of its path; and a file that cannot be used says
/// why (read-only file system, read-only file, missing folder, not a database) instead of "in use" or silence.
/// </summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> OtherNames => new() { "symlink", "hardlink", "dotdot", "symlinked-folder" };

    [Theory]
    [MemberData(nameof(OtherNames))]
    public void A_second_opener_through_another_name_of_the_same_file_is_refused(string kind)
    {
        if (OperatingSystem.IsWindows()) return; // links need privileges there
        var path = _dir.File("data.db");
        using var first = MilvusLocalEngine.Open(path);
        var other = kind switch
        {
            "symlink" => File.CreateSymbolicLink(_dir.File("link.db"), path).FullName,
            "hardlink" => HardLink(path, _dir.File("hard.db")),
            "dotdot" => Path.Combine(_dir.Path, "sub", "..", "data.db"),
            _ => Path.Combine(Directory.CreateSymbolicLink(_dir.File("alias"), _dir.Path).FullName, "data.db"),
        };
        if (kind == "dotdot") Directory.CreateDirectory(_dir.File("sub"));

        var error = Assert.Throws<DatabaseInUseException>(() => MilvusLocalEngine.Open(other));

        Assert.StartsWith("database is in use: the Milvus local database '", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_as_such()
    {
        var path = _dir.File("notes.db");
        File.WriteAllText(path, new string('x', 8192));

        var error = Assert.Throws<DatabaseFileException>(() => MilvusLocalEngine.Open(path));

        Assert.Equal("the file is not a database (a Milvus local .db file is an SQLite database)", error.Reason);
        Assert.Equal(new string('x', 8192), File.ReadAllText(path));
        using var engine = MilvusLocalEngine.Open(_dir.File("other.db")); // the failed open left no lock behind
    }

    [Fact]
    public void A_folder_that_cannot_be_created_is_named_as_such()
    {
        File.WriteAllText(_dir.File("plain"), "a file, not a folder");

        var error = Assert.Throws<DatabaseFileException>(() => MilvusLocalEngine.Open(Path.Combine(_dir.File("plain"), "sub", "data.db")));

        Assert.StartsWith($"the folder '{_dir.File("plain")}/sub' does not exist and cannot be created (", error.Reason);
    }

    [Fact]
    public void A_read_only_file_is_refused_at_open_not_at_the_first_write()
    {
        if (OperatingSystem.IsWindows()) return; // file modes are Unix here
        var path = _dir.File("ro.db");
        MilvusLocalEngine.Open(path).Dispose();
        // root ignores file modes (CAP_DAC_OVERRIDE), so as root the file is made immutable, which binds root too.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Assert.True(Run("chattr", "+i", path), "chattr +i failed: root needs CAP_LINUX_IMMUTABLE and a file system with attributes");
        else File.SetUnixFileMode(path, UnixFileMode.UserRead);
        try
        {
            var error = Assert.Throws<DatabaseFileException>(() => MilvusLocalEngine.Open(path));

            Assert.Equal("the file is read-only (the engine needs to write it)", error.Reason);
        }
        finally
        {
            if (asRoot) Run("chattr", "-i", path);
        }
    }

    [Fact]
    public void A_read_only_file_system_is_not_reported_as_in_use()
    {
        // Mounting needs CAP_SYS_ADMIN: as root (CI) the mount must work, so this test cannot quietly pass without
        // running; as another user it has nothing to mount and returns.
        if (OperatingSystem.IsWindows() || Environment.UserName != "root") return;
        var mount = _dir.File("ro");
        Directory.CreateDirectory(mount);
        Assert.True(Run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mount), "mount -t tmpfs -o ro failed as root");
        try
        {
            var error = Assert.Throws<DatabaseFileException>(() => MilvusLocalEngine.Open(Path.Combine(mount, "data.db")));
            Assert.Equal("the file system is read-only", error.Reason);
        }
        finally
        {
            Assert.True(Run("umount", mount));
        }
    }

    private static string HardLink(string target, string link)
    {
        Assert.True(Run("ln", target, link));
        return link;
    }

    private static bool Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
