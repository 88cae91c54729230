using System.Management.Automation;
using Milvus.PowerShell.Connections;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Connection;

/// <summary>
/// <para type="synopsis">Lists the Milvus connections of this runspace, the default one first.</para>
/// <para type="description">Connections are kept per runspace; a connection passed with $using: works in another one too.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusConnection", DefaultParameterSetName = NameSet)]
[OutputType(typeof(MilvusConnection))]
public sealed class GetMilvusConnectionCommand : MilvusAsyncCmdlet
{
    private const string NameSet = "Name";
    private const string DefaultSet = "Default";

    /// <summary>Connection names; wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.ConnectionNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only the default connection (nothing when there is none).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
    public SwitchParameter Default { get; set; }

    protected override string ErrorThing => "Connection";

    protected override void EndProcessing()
    {
        if (Default)
        {
            if (ConnectionRegistry.Default is { } connection)
            {
                WriteObject(connection);
            }

            return;
        }

        IReadOnlyList<MilvusConnection> all = ConnectionRegistry.List();
        if (Name is null)
        {
            WriteObject(all, enumerateCollection: true);
            return;
        }

        foreach (string name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            MilvusConnection[] matches = all.Where(c => pattern.IsMatch(c.Name)).ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteItemError("MilvusConnectionNotFound", ErrorCategory.ObjectNotFound, name,
                    $"There is no Milvus connection named '{name}' in this session.");
            }

            WriteObject(matches, enumerateCollection: true);
        }
    }
}
