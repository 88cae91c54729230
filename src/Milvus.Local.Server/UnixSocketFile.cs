using System.Net.Sockets;

namespace Milvus.Local.Server;

/// <summary>Handles a socket file left behind by a server that died without cleaning up (kill -9, power loss).</summary>
internal static class UnixSocketFile
{
    /// <summary>
    /// Deletes <paramref name="path"/> when nobody listens on it and it looks like a socket (empty, not a directory);
    /// refuses when a server is still listening there or when the path holds data.
    /// </summary>
    public static void RemoveIfStale(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"unix socket path {path} is a directory");
        var file = new FileInfo(path);
        if (!file.Exists) return;
        // .NET cannot tell a socket from a regular file; a socket always reports length 0, so data means "not ours".
        if (file.Length != 0) throw new IOException($"{path} exists and is not a unix socket; refusing to replace it");

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
            return;
        }
        throw new IOException($"another server is already listening on unix socket {path}");
    }
}
