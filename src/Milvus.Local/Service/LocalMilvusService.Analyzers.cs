using System.Text;
using Grpc.Core;
using Milvus.Local.Analysis;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;
using AnalyzerTokenMessage = Milvus.Protocol.Api.AnalyzerToken;

namespace Milvus.Local;

// RunAnalyzer and ComputePhraseMatchSlop: Milvus's analyzers (src/Milvus.Local/Analysis) run on request text.
public sealed partial class LocalMilvusService
{
    /// <summary>
    /// Tokens of each text (placeholder), by <c>analyzer_params</c> or by a collection field's analyzer (Milvus's
    /// query node runAnalyzer / shard delegator RunAnalyzer): with_detail adds UTF-8 byte offsets and positions,
    /// with_hash the token hash.
    /// </summary>
    public override Task<RunAnalyzerResponse> RunAnalyzer(RunAnalyzerRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var texts = request.Placeholder.Select(p => p.ToStringUtf8()).ToList();
        IReadOnlyList<Analyzer> analyzers;
        if (string.IsNullOrEmpty(request.CollectionName))
        {
            var analyzer = Build(() => AnalyzerFactory.Create(request.AnalyzerParams));
            analyzers = texts.Select(_ => analyzer).ToList();
        }
        else
        {
            var collection = _core.Collection(DbName(request.DbName, context), request.CollectionName);
            var field = collection.FindField(request.FieldName) ?? throw MilvusError.FieldNotFound(request.FieldName);
            if (!FieldAnalyzer.IsEnabled(field))
                throw MilvusError.InvalidParameter($"analyzer runner for field {field.FieldID} not exist, now only support run analyzer by field if field was bm25/minhash input field");
            var fieldAnalyzer = Build(() => FieldAnalyzer.For(field));
            analyzers = fieldAnalyzer.IsMulti ? NamedAnalyzers(fieldAnalyzer, request.AnalyzerNames, texts.Count) : texts.Select(_ => fieldAnalyzer.Resolve(null)).ToList();
        }
        var reply = new RunAnalyzerResponse { Status = Ok() };
        for (var i = 0; i < texts.Count; i++)
            reply.Results.Add(new AnalyzerResult { Tokens = { analyzers[i].Analyze(texts[i]).Select(t => ToMessage(t, texts[i], request.WithDetail, request.WithHash)) } });
        return reply;
    });

    /// <summary>
    /// Per data text, whether the query phrase can match it and the smallest slop that does (Milvus's query node
    /// computePhraseMatchSlopByParams): a missing term or unusable analyzer params give false and −1.
    /// </summary>
    public override Task<ComputePhraseMatchSlopResponse> ComputePhraseMatchSlop(ComputePhraseMatchSlopRequest request, ServerCallContext context)
        => Unlocked(context, () =>
        {
            var reply = new ComputePhraseMatchSlopResponse { Status = Ok() };
            if (request.QueryText.Length == 0 || request.DataTexts.Count == 0) return reply;
            Analyzer? analyzer;
            // tantivy-binding parses the params itself: empty or non-object params fail every text.
            try { analyzer = string.IsNullOrWhiteSpace(request.AnalyzerParams) ? null : AnalyzerFactory.Create(request.AnalyzerParams); }
            catch (AnalyzerException) { analyzer = null; }
            var query = analyzer?.Analyze(request.QueryText);
            foreach (var data in request.DataTexts)
            {
                var slop = analyzer is null ? null : PhraseSlop.Minimum(query!, analyzer.Analyze(data));
                reply.IsMatch.Add(slop is not null);
                reply.Slops.Add(slop ?? -1);
            }
            return reply;
        });

    /// <summary>A multi-language field's analyzer per text: one name for every text, or one name per text (Milvus's normalizeAnalyzerNames).</summary>
    private static List<Analyzer> NamedAnalyzers(FieldAnalyzer field, IReadOnlyList<string> names, int textCount)
    {
        if (names.Count == 0) throw MilvusError.MissingParameter("analyzer names must be set for multi analyzer: missing parameter");
        if (names.Count != 1 && names.Count != textCount)
            throw MilvusError.InvalidParameter($"analyzer names length {names.Count} should be 1 or equal to the number of texts {textCount}");
        return Enumerable.Range(0, textCount).Select(i => field.Resolve(names[names.Count == 1 ? 0 : i])).ToList();
    }

    /// <summary>Builds an analyzer, turning invalid params into Milvus's "failed to create analyzer" error.</summary>
    private static T Build<T>(Func<T> build)
    {
        try { return build(); }
        catch (AnalyzerException e) { throw MilvusError.InvalidParameter($"failed to create analyzer, C Runtime Exception: {e.Message}"); }
    }

    private static AnalyzerTokenMessage ToMessage(Analysis.AnalyzerToken token, string text, bool withDetail, bool withHash)
    {
        var message = new AnalyzerTokenMessage { Token = token.Text };
        if (withDetail)
        {
            var (start, end) = token.Utf8Offsets(text);
            message.StartOffset = start;
            message.EndOffset = end;
            message.Position = token.Position;
            message.PositionLength = token.PositionLength;
        }
        if (withHash) message.Hash = FullText.TermHash.Of(token.Text);
        return message;
    }
}
