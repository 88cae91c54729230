using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands.Collection;

/// <summary>
/// <para type="synopsis">Builds a schema function in memory (BM25, text embedding, ...), for New-MilvusSchema -Function,
/// New-MilvusCollection -Function and Set-MilvusCollection -AddFunction.</para>
/// <para type="description">The counterpart of pymilvus Function(name, function_type, input_field_names,
/// output_field_names, params). Makes no call to Milvus.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusFunction")]
[OutputType(typeof(MilvusFunctionInfo))]
public sealed class NewMilvusFunctionCommand : PSCmdlet
{
    /// <summary>The function name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The function type: BM25, TextEmbedding, Rerank, MinHash.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public FunctionType FunctionType { get; set; }

    /// <summary>The input fields (e.g. the VarChar field with EnableAnalyzer for BM25).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] InputField { get; set; } = [];

    /// <summary>The output fields (e.g. a SparseFloatVector field for BM25).</summary>
    [Parameter]
    public string[] OutputField { get; set; } = [];

    /// <summary>Function parameters, e.g. @{ provider = 'openai'; model_name = 'text-embedding-3-small' }.</summary>
    [Parameter]
    public Hashtable? Parameter { get; set; }

    /// <summary>A description of the function.</summary>
    [Parameter]
    public string Description { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        WriteObject(new MilvusFunctionInfo
        {
            Name = Name,
            Kind = FunctionType,
            InputField = InputField,
            OutputField = OutputField,
            Parameters = Parameter ?? new Hashtable(StringComparer.OrdinalIgnoreCase),
            Description = Description,
        });
    }
}
