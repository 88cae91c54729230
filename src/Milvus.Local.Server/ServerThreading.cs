namespace Milvus.Local.Server;

/// <summary>
/// How the server command's process runs its I/O: socket completions inline on the runtime's polling thread instead of
/// a hop to the thread pool, and (runtimeconfig, Milvus.Local.Server.csproj) thread-pool workers that sleep at once
/// instead of spinning. A served call is a few short steps handed between threads; on a small machine shared with its
/// clients every hop woke a thread and every idle worker spun on a core the client needed. docs/performance.md ("The
/// served path") has the figures.
/// </summary>
public static class ServerThreading
{
    /// <summary>The runtime's switch (read once, when the first socket is made).</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when this process completes socket operations on the polling thread.</summary>
    public static bool InlineSocketCompletions =>
        OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(InlineCompletionsVariable) == "1";

    /// <summary>
    /// Turns inline completions on for this process unless the environment already says (an explicit "0" keeps them
    /// off). Call before the first socket exists: the runtime reads the variable once.
    /// </summary>
    public static void PreferInlineCompletions()
    {
        if (OperatingSystem.IsLinux())
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, InlineCompletionsValue(Environment.GetEnvironmentVariable(InlineCompletionsVariable)));
    }

    /// <summary>The value the server runs with, given the one in its environment (null when unset).</summary>
    public static string InlineCompletionsValue(string? inherited) => inherited ?? "1";
}
