using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Milvus.PowerShell.Connections;

namespace Milvus.PowerShell.Completion;

/// <summary>Completes the names of this runspace's connections (Connect-Milvus -Name).</summary>
public sealed class ConnectionNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        MilvusNameCompleter.Filter(ConnectionRegistry.List().Select(c => c.Name), wordToComplete);
}
