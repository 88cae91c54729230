using System.Collections;
using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Invoke-MilvusAnalyzer: pymilvus run_analyzer. Shows the tokens a text analyzer makes of texts, either from analyzer
/// parameters (-AnalyzerParameter @{ tokenizer = 'standard' }) or from a collection field's own analyzer.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "MilvusAnalyzer", DefaultParameterSetName = ParametersSet)]
[OutputType(typeof(MilvusAnalyzerResult))]
public sealed class InvokeMilvusAnalyzerCommand : MilvusCmdlet
{
    private const string ParametersSet = "Parameters";
    private const string FieldSet = "Field";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>Analyzer settings (pymilvus analyzer_params), e.g. @{ tokenizer = 'standard'; filter = @('lowercase') }.</summary>
    [Parameter(ParameterSetName = ParametersSet, Position = 1)]
    public Hashtable? AnalyzerParameter { get; set; }

    /// <summary>Use the analyzer of this collection's field.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FieldSet)]
    [Alias("Collection")]
    [ArgumentCompleter(typeof(CollectionNameCompleter))]
    public string CollectionName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = FieldSet)]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string FieldName { get; set; } = string.Empty;

    /// <summary>For multi-analyzer fields: which analyzer to use per text.</summary>
    [Parameter(ParameterSetName = FieldSet)]
    public string[]? AnalyzerName { get; set; }

    /// <summary>Return offsets and positions of each token (pymilvus with_detail).</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    /// <summary>Return each token's hash (pymilvus with_hash).</summary>
    [Parameter]
    public SwitchParameter Hash { get; set; }

    protected override string ErrorThing => "Analyzer";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        bool byField = ParameterSetName == FieldSet;
        if (!TryInvoke(Text, ct => client.RunAnalyzerAsync(Text, PropertyConversion.ToDictionaryOrNull(AnalyzerParameter), Hash, Detail,
                byField ? CollectionName : null, byField ? FieldName : null, AnalyzerName, cancellationToken: ct), out var results))
        {
            return;
        }

        for (int i = 0; i < results.Count && i < Text.Length; i++)
        {
            var tokens = results[i].Tokens;
            WriteObject(new MilvusAnalyzerResult
            {
                Text = Text[i],
                Tokens = tokens.Select(t => t.Token).ToArray(),
                Details = Detail || Hash
                    ? tokens.Select(t => new MilvusAnalyzerToken { Token = t.Token, StartOffset = t.StartOffset, EndOffset = t.EndOffset, Position = t.Position, PositionLength = t.PositionLength, Hash = t.Hash }).ToArray()
                    : Array.Empty<MilvusAnalyzerToken>(),
            });
        }
    }
}
