using System.Collections;
using System.Management.Automation;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// New-MilvusAnnSearchRequest: one sub-search of a hybrid search (pymilvus AnnSearchRequest), for
/// Search-MilvusEntity -Request. Vectors piped in (objects with a Vector property) become the request's queries.
/// Creates an object in memory only, so no -WhatIf.
/// </summary>
[Cmdlet(VerbsCommon.New, "MilvusAnnSearchRequest", DefaultParameterSetName = VectorSet)]
[OutputType(typeof(MilvusAnnSearchRequest))]
public sealed class NewMilvusAnnSearchRequestCommand : PSCmdlet
{
    private const string VectorSet = "Vector";
    private const string TextSet = "Text";

    private readonly List<object> _vectors = new();
    private readonly List<string> _texts = new();

    /// <summary>The vector field to search (pymilvus anns_field).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("VectorField")]
    [ArgumentCompleter(typeof(VectorFieldNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string AnnsField { get; set; } = string.Empty;

    /// <summary>
    /// One query vector of the field's type (numbers, a sparse hashtable, [byte[]] binary, [sbyte[]] int8, as
    /// Search-MilvusEntity -Vector), or a list of them for several queries; pipe objects with a Vector property for more.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = VectorSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Embedding")]
    [VectorTransformation]
    public object Vector { get; set; } = Array.Empty<float>();

    /// <summary>Query text for full-text (BM25) search on a sparse field produced by a BM25 function.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>Hits this sub-search contributes before reranking (default 10).</summary>
    [Parameter]
    [Alias("TopK")]
    [ValidateRange(1, 16384)]
    public int Limit { get; set; } = 10;

    [Parameter]
    public string? Filter { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetricTypeCompleter))]
    public string? MetricType { get; set; }

    /// <summary>Index search parameters, e.g. @{ ef = 64 } or @{ nprobe = 16 }.</summary>
    [Parameter]
    public Hashtable? SearchParameter { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            _texts.AddRange(Text);
        }
        else
        {
            _vectors.AddRange(QueryVector.Each(Vector));
        }
    }

    protected override void EndProcessing()
    {
        WriteObject(new MilvusAnnSearchRequest
        {
            AnnsField = AnnsField,
            Vector = _vectors.ToArray(),
            Text = _texts.ToArray(),
            Limit = Limit,
            Filter = Filter,
            MetricType = MetricType,
            SearchParameter = SearchParameter ?? new Hashtable(),
        });
    }
}
