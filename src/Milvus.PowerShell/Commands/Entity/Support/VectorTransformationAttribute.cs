using System.Management.Automation;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Lets a vector parameter take text (a CSV cell "[0.1, 0.2]" or "0.1;0.2") as well as numbers, so
/// <c>Import-Csv queries.csv | Search-MilvusEntity</c> binds each row's vector column; hashtables (sparse), [byte[]]
/// (binary) and [sbyte[]] (int8) pass as given (see <see cref="QueryVector"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VectorTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        try
        {
            return QueryVector.Bind(inputData);
        }
        catch (FormatException ex)
        {
            throw new ArgumentTransformationMetadataException($"Cannot read a vector: {ex.Message}.", ex);
        }
    }
}
