using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Completion;
using Milvus.PowerShell.Internal;
using Milvus.PowerShell.Models;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Search-MilvusEntity: pymilvus search (one query per vector of -Vector / text of -Text; piped objects add queries, sent in batches of
/// -BatchSize) and hybrid_search (-Request with -Ranker RRF or Weighted). Hits are PSObjects typed Milvus.SearchHit
/// with Rank (1-based within its query), Id, Distance, QueryIndex (0-based position of the query in the input) and the
/// requested fields; vector fields are hidden from the default view. With -Iterate, pymilvus search_iterator: each query
/// vector's hits stream page by page (-BatchSize hits a page, -Limit hits in all, every hit when -Limit is not given).
/// </summary>
[Cmdlet(VerbsCommon.Search, "MilvusEntity", DefaultParameterSetName = VectorSet)]
[OutputType("Milvus.SearchHit")]
public sealed class SearchMilvusEntityCommand : EntityCommand
{
    private const string VectorSet = "Vector";
    private const string TextSet = "Text";
    private const string HybridSet = "Hybrid";
    private const string EmbeddingListSet = "EmbeddingList";

    private PipelineBatcher<SearchTarget, object>? _batcher;
    private EntityTarget? _unusableTarget;
    private int _queryCount;

    /// <summary>
    /// One query vector of the searched field's type: numbers (float, float16, bfloat16), a hashtable of index = value
    /// (sparse), [byte[]] packed bits (binary) or [sbyte[]] (int8); a list of such vectors is several queries (pymilvus
    /// data=[[...], [...]]). Pipe objects with a Vector property for more queries; CSV text such as "[0.1, 0.2]" or
    /// '{"3": 0.5}' works.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = VectorSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Embedding")]
    [VectorTransformation]
    public object Vector { get; set; } = Array.Empty<float>();

    /// <summary>
    /// One query made of several vectors, for a struct's vector sub-field (-AnnsField 'clips[emb]') indexed with a MAX_SIM
    /// metric: each vector takes its best match among a row's vectors and the scores add up. Pipe objects with an
    /// EmbeddingList property for more queries.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = EmbeddingListSet, ValueFromPipelineByPropertyName = true)]
    public float[][] EmbeddingList { get; set; } = Array.Empty<float[]>();

    /// <summary>Query text for full-text (BM25) search; one query per text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    public string[] Text { get; set; } = Array.Empty<string>();

    /// <summary>The sub-searches of a hybrid search (New-MilvusAnnSearchRequest).</summary>
    [Parameter(Mandatory = true, ParameterSetName = HybridSet)]
    public MilvusAnnSearchRequest[] Request { get; set; } = Array.Empty<MilvusAnnSearchRequest>();

    /// <summary>How hybrid results are merged: RRF (reciprocal rank fusion, default) or Weighted.</summary>
    [Parameter(ParameterSetName = HybridSet)]
    [ValidateSet("RRF", "Weighted")]
    public string Ranker { get; set; } = "RRF";

    /// <summary>The k of RRF (default 60).</summary>
    [Parameter(ParameterSetName = HybridSet)]
    [ValidateRange(1, 16384)]
    public int RrfK { get; set; } = 60;

    /// <summary>One weight per -Request for the Weighted ranker.</summary>
    [Parameter(ParameterSetName = HybridSet)]
    public double[]? Weight { get; set; }

    /// <summary>Hits per query (pymilvus limit / topk; default 10).</summary>
    [Parameter]
    [Alias("TopK")]
    [ValidateRange(1, 16384)]
    public int Limit { get; set; } = 10;

    [Parameter]
    public string Filter { get; set; } = string.Empty;

    [Parameter]
    public Hashtable? FilterParameter { get; set; }

    /// <summary>Fields to return with each hit (pymilvus output_fields).</summary>
    [Parameter]
    [Alias("OutputField")]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Property { get; set; }

    /// <summary>The vector field to search; needed when the collection has more than one.</summary>
    [Parameter(ParameterSetName = VectorSet)]
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = EmbeddingListSet)]
    [Alias("VectorField")]
    [ArgumentCompleter(typeof(VectorFieldNameCompleter))]
    public string? AnnsField { get; set; }

    [Parameter(ParameterSetName = VectorSet)]
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = EmbeddingListSet)]
    [ArgumentCompleter(typeof(MetricTypeCompleter))]
    public string? MetricType { get; set; }

    /// <summary>Index search parameters, e.g. @{ ef = 64 }, @{ nprobe = 16 }, @{ radius = 0.5; range_filter = 0.9 }.</summary>
    [Parameter(ParameterSetName = VectorSet)]
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = EmbeddingListSet)]
    public Hashtable? SearchParameter { get; set; }

    /// <summary>Group hits by this scalar field (pymilvus group_by_field).</summary>
    [Parameter]
    [Alias("GroupByField")]
    [ArgumentCompleter(typeof(GroupByFieldNameCompleter))]
    public string? GroupBy { get; set; }

    /// <summary>Hits per group (pymilvus group_size).</summary>
    [Parameter]
    [ValidateRange(1, 16384)]
    public int GroupSize { get; set; }

    /// <summary>Every group must reach -GroupSize hits (pymilvus strict_group_size).</summary>
    [Parameter]
    public SwitchParameter StrictGroupSize { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(PartitionNameCompleter))]
    public string[]? PartitionName { get; set; }

    /// <summary>Hits to skip per query (paging).</summary>
    [Parameter]
    [ValidateRange(0, 16384)]
    public long Offset { get; set; }

    /// <summary>Round distances to this many decimals (-1 = off).</summary>
    [Parameter]
    [ValidateRange(-1, 6)]
    public int RoundDecimal { get; set; } = -1;

    [Parameter]
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    /// <summary>Pin the search to one cluster of a multi-cluster deployment (pymilvus session(cluster_id), Milvus 3.0).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>
    /// Highlight the search text's terms in the BM25 input field of each hit (Milvus's lexical highlighter): hits get a
    /// Highlight property, field name to fragments.
    /// </summary>
    [Parameter(ParameterSetName = TextSet)]
    public SwitchParameter Highlight { get; set; }

    /// <summary>With -Highlight: the tag before and the tag after each highlighted term (default &lt;em&gt; and &lt;/em&gt;).</summary>
    [Parameter(ParameterSetName = TextSet)]
    [ValidateCount(2, 2)]
    public string[]? HighlightTag { get; set; }

    /// <summary>With -Highlight: minimum characters per fragment (default 100).</summary>
    [Parameter(ParameterSetName = TextSet)]
    [ValidateRange(1, int.MaxValue)]
    public int FragmentSize { get; set; }

    /// <summary>With -Highlight: characters of context kept before a fragment's first term (default 0).</summary>
    [Parameter(ParameterSetName = TextSet)]
    [ValidateRange(0, int.MaxValue)]
    public int FragmentOffset { get; set; }

    /// <summary>With -Highlight: at most this many fragments per hit (default 5; 0 gives none).</summary>
    [Parameter(ParameterSetName = TextSet)]
    [ValidateRange(0, int.MaxValue)]
    public int FragmentCount { get; set; }

    /// <summary>
    /// Page through the hits of each query vector (pymilvus search_iterator): -BatchSize is then the page size (default
    /// 1000) and -Limit the total (default: every hit). Stops cleanly under Select-Object -First.
    /// </summary>
    [Parameter(ParameterSetName = VectorSet)]
    public SwitchParameter Iterate { get; set; }

    /// <summary>Queries per request when queries are piped (default 100; Milvus allows at most 16384); with -Iterate, hits per page (default 1000).</summary>
    [Parameter(ParameterSetName = VectorSet)]
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = EmbeddingListSet)]
    [ValidateRange(1, 16384)]
    public int BatchSize { get; set; } = 100;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == HybridSet)
        {
            RunHybrid();
            return;
        }

        EntityTarget target = CurrentTarget();
        if (target == _unusableTarget)
        {
            return;   // the collection could not be described; its error was written once
        }

        if (!TryGetSchema(out CollectionDescription schema))
        {
            _unusableTarget = target;
            return;
        }

        IReadOnlyList<object> vectors = [];
        if (ParameterSetName == VectorSet && !TryReadQueries(schema, out vectors))
        {
            return;
        }

        if (Iterate)
        {
            if (vectors.Count > 1)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-Iterate searches one query vector; -Vector holds {vectors.Count}."),
                    "MilvusSearchIteratorOneQuery", ErrorCategory.InvalidArgument, Vector));
                return;
            }

            RunIterator(target, schema, vectors[0]);
            return;
        }

        _batcher ??= new PipelineBatcher<SearchTarget, object>(BatchSize, long.MaxValue, Send)
        {
            Progress = new RowProgress(StartProgress($"Search '{CollectionName}'", "Starting"), "searched", "queries"),
        };
        IEnumerable<object> queries = ParameterSetName switch
        {
            TextSet => Text,
            EmbeddingListSet => [new Milvus.Client.EmbeddingList(EmbeddingList)],
            _ => vectors,
        };
        foreach (object each in queries)
        {
            _batcher.Add(new SearchTarget(target, schema), each, ++_queryCount);
        }
    }

    protected override void EndProcessing()
    {
        _batcher?.Complete();
        base.EndProcessing();
    }

    /// <summary>-Vector's queries in the form the searched field's type needs; false (after an error for this item) when one does not fit.</summary>
    private bool TryReadQueries(CollectionDescription schema, out IReadOnlyList<object> queries)
    {
        queries = [];
        try
        {
            FieldSchema? field = QueryVector.FieldOf(schema, AnnsField);
            queries = QueryVector.Each(Vector).Select(v => QueryVector.ForField(v, field)).ToArray();
            return true;
        }
        catch (FormatException ex)
        {
            WriteError(new ErrorRecord(new FormatException($"The query vector does not fit the searched field: {ex.Message}.", ex),
                "MilvusSearchVectorInvalid", ErrorCategory.InvalidArgument, Vector));
            return false;
        }
    }

    private SearchOptions Options() => new()
    {
        FilterParams = PropertyConversion.ToDictionaryOrNull(FilterParameter),
        ConsistencyLevel = ConsistencyLevel,
        Offset = Offset > 0 ? Offset : null,
        RoundDecimal = RoundDecimal,
        GroupByField = GroupBy,
        GroupSize = GroupSize > 0 ? GroupSize : null,
        StrictGroupSize = StrictGroupSize.IsPresent ? true : null,
        ClusterId = ClusterId,
        Highlighter = Highlight.IsPresent ? Highlighter() : null,
    };

    private LexicalHighlighter Highlighter() => new()
    {
        HighlightSearchText = true,
        PreTags = HighlightTag is null ? null : [HighlightTag[0]],
        PostTags = HighlightTag is null ? null : [HighlightTag[1]],
        FragmentSize = FragmentSize > 0 ? FragmentSize : null,
        FragmentOffset = MyInvocation.BoundParameters.ContainsKey(nameof(FragmentOffset)) ? FragmentOffset : null,
        NumOfFragments = MyInvocation.BoundParameters.ContainsKey(nameof(FragmentCount)) ? FragmentCount : null,
    };

    /// <summary>Starts searching one batch of queries; what it returns writes the hits, whose QueryIndex continues from the previous batch's.</summary>
    private Func<bool> Send(PipelineBatch<SearchTarget, object> batch)
    {
        var ((connection, database, collection), schema) = batch.Target;
        var data = batch.Items;
        int firstIndex = (int)batch.FirstRow - 1;
        var client = connection.ClientFor(database);
        var query = new SearchQuery
        {
            Data = data,
            Filter = Filter,
            Limit = Limit,
            OutputFields = Property,
            SearchParams = SearchParameters.Build(MetricType, SearchParameter),
            PartitionNames = PartitionName,
            AnnsField = AnnsField,
            Options = Options(),
        };
        WriteVerbose($"Searching '{collection}' with {data.Count} quer{(data.Count == 1 ? "y" : "ies")} (first index {firstIndex}), limit {Limit}.");
        return BeginTryInvoke(collection, ct => client.SearchAsync(collection, query, cancellationToken: ct), results => WriteHits(OutputFor(schema), results, firstIndex, showQueryIndex: firstIndex > 0 || data.Count > 1));
    }

    private void RunIterator(EntityTarget target, CollectionDescription schema, object vector)
    {
        if (GroupBy is not null || Offset > 0)
        {
            ThrowError("MilvusIteratorOptionNotSupported", ErrorCategory.InvalidArgument, GroupBy ?? (object)Offset,
                "-Iterate does not combine with -GroupBy or -Offset (search_iterator has no grouping or offset).");
        }

        var client = target.Connection.ClientFor(target.Database);
        string collection = target.Collection;
        int pageSize = MyInvocation.BoundParameters.ContainsKey(nameof(BatchSize)) ? BatchSize : 1000;
        long total = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? Limit : -1;
        var searchParams = SearchParameters.Build(MetricType, SearchParameter);
        IReadOnlyList<string>? fields = Property;
        IReadOnlyList<string>? partitions = PartitionName;
        string? filter = string.IsNullOrEmpty(Filter) ? null : Filter;
        EntityOutput output = OutputFor(schema);
        int queryIndex = _queryCount++;
        int rank = 0;
        var progress = new RowProgress(StartProgress($"Search '{collection}' (query {queryIndex})", "Starting"), "read", "hits");
        WriteVerbose($"Iterating the hits of query {queryIndex} in '{collection}', {pageSize} a page, limit {(total < 0 ? "none" : total)}.");
        try
        {
            foreach (var page in InvokeStream(ct => client.SearchIterator(collection, vector, pageSize, filter, total, fields, searchParams, partitions, AnnsField,
                         RoundDecimal, cancellationToken: ct)))
            {
                foreach (SearchHit hit in page)
                {
                    WriteObject(output.Hit(hit, ++rank, queryIndex, showQueryIndex: queryIndex > 0));
                }

                progress.Page(page.Count);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException and not RuntimeException)
        {
            WriteFailure(ex, collection);
        }
        finally
        {
            progress.Complete();
        }
    }

    private void RunHybrid()
    {
        if (Ranker == "Weighted" && (Weight is null || Weight.Length != Request.Length))
        {
            ThrowError("MilvusRankerWeightCountMismatch", ErrorCategory.InvalidArgument, Weight,
                $"The Weighted ranker needs one -Weight per -Request: {Request.Length} request(s), {Weight?.Length ?? 0} weight(s).");
        }

        if (!TryGetSchema(out CollectionDescription schema))
        {
            return;
        }

        List<AnnSearchRequest> requests;
        try
        {
            requests = Request.Select(r => new AnnSearchRequest(
                r.Text.Length > 0 ? r.Text.Cast<object>().ToList() : r.Vector.Select(v => QueryVector.ForField(v, QueryVector.FieldOf(schema, r.AnnsField))).ToList(),
                r.AnnsField, SearchParameters.Build(r.MetricType, r.SearchParameter), r.Limit, string.IsNullOrEmpty(r.Filter) ? null : r.Filter)).ToList();
        }
        catch (FormatException ex)
        {
            ThrowError("MilvusSearchVectorInvalid", ErrorCategory.InvalidArgument, Request, $"A query vector of -Request does not fit its field: {ex.Message}.");
            return;
        }

        Milvus.Client.Ranker ranker = Ranker == "Weighted" ? new WeightedRanker(Weight!, true) : new RrfRanker(RrfK);
        var client = ResolveClient();
        string collection = CollectionName;
        IReadOnlyList<string>? fields = Property;
        IReadOnlyList<string>? partitions = PartitionName;
        var options = Options();
        if (TryInvoke(collection, ct => client.HybridSearchAsync(collection, requests, ranker, Limit, fields, partitions, options, cancellationToken: ct),
                out SearchResults results))
        {
            WriteHits(OutputFor(schema), results, 0, showQueryIndex: false, scoreName: "Score");
        }
    }

    /// <summary>Writes the hits of every query; ranks go on from -Offset (the first hit after an offset of 10 is rank 11).</summary>
    private void WriteHits(EntityOutput output, SearchResults results, int firstIndex, bool showQueryIndex, string scoreName = "Distance")
    {
        for (int q = 0; q < results.Count; q++)
        {
            int rank = (int)Math.Max(Offset, 0);
            foreach (SearchHit hit in results[q])
            {
                WriteObject(output.Hit(hit, ++rank, firstIndex + q, showQueryIndex, scoreName));
            }
        }
    }
}

/// <summary>Where a batch of queries goes, with the schema their hits are shaped by.</summary>
internal sealed record SearchTarget(EntityTarget Entity, CollectionDescription Schema);
