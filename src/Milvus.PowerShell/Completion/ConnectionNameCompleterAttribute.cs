using System.Management.Automation;

namespace Milvus.PowerShell.Completion;

/// <summary>Shorthand for [ArgumentCompleter(typeof(ConnectionNameCompleter))].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ConnectionNameCompleterAttribute : ArgumentCompleterAttribute
{
    public ConnectionNameCompleterAttribute() : base(typeof(ConnectionNameCompleter)) { }
}
