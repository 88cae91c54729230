using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Database;

/// <summary>
/// <para type="synopsis">Gets databases, with their properties.</para>
/// <para type="description">Wraps list_databases and describe_database. -Name takes wildcards; an exact name that does not
/// exist writes a MilvusDatabaseNotFound error.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MilvusDatabase")]
[OutputType(typeof(MilvusDatabaseInfo))]
public sealed class GetMilvusDatabaseCommand : MilvusCmdlet
{
    /// <summary>Database names; wildcards allowed. Default: all.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public string[]? Name { get; set; }

    protected override string ErrorThing => "Database";

    protected override void ProcessRecord()
    {
        AsyncMilvusClient client = ResolveConnection().Client; // database calls name their database themselves
        if (!TryInvoke(null, ct => client.ListDatabasesAsync(cancellationToken: ct), out IReadOnlyList<string> all))
        {
            return;
        }

        foreach (string name in SelectNames(all, Name, "Database", "MilvusDatabaseNotFound"))
        {
            if (TryInvoke(name, ct => client.DescribeDatabaseAsync(name, cancellationToken: ct), out DatabaseDescription description))
            {
                WriteObject(Stamp(ModelMapper.ToDatabaseInfo(description)));
            }
        }
    }
}
