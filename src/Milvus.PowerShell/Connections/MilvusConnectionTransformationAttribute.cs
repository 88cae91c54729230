using System.Management.Automation;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Connections;

/// <summary>
/// Lets -Connection take the name of a connection of this runspace (Connect-Milvus -Name) as well as the object.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MilvusConnectionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
            case MilvusConnection:
                return value;
            case string name:
                return ConnectionRegistry.Find(name) ?? throw new ArgumentTransformationMetadataException(
                    $"There is no Milvus connection named '{name}' in this session. Get-MilvusConnection lists them.");
            default:
                return inputData;
        }
    }
}
