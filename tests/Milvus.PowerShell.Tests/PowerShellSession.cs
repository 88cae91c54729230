using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Milvus.PowerShell.Commands.Connection;

namespace Milvus.PowerShell.Tests;

/// <summary>
/// An in-process PowerShell (SMA 7.6.9) with the module's cmdlets and the test cmdlets. CreateDefault2 is required:
/// PowerShell.Create() fails to load the console host snap-in outside pwsh (toolchain.md §4).
/// </summary>
internal static class PowerShellSession
{
    public static System.Management.Automation.PowerShell Create()
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Test-MilvusWait", typeof(TestMilvusWaitCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Test-MilvusStream", typeof(TestMilvusStreamCommand), null));
        var shell = System.Management.Automation.PowerShell.Create(state);
        shell.AddCommand("Import-Module").AddParameter("Assembly", typeof(ConnectMilvusCommand).Assembly).Invoke();
        shell.Commands.Clear();
        return shell;
    }
}
