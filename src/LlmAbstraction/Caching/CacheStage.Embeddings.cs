using LlmAbstraction.Pipeline;
using LlmAbstraction.Telemetry;

namespace LlmAbstraction.Caching;

internal sealed partial class CacheStage
{
    public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => (_options.CallTypes & CacheCallTypes.Embeddings) == 0
            ? Next.EmbedAsync(request, context, cancellationToken)
            : EmbedCoreAsync(request, context, cancellationToken);

    /// <summary>Looks up every input; sends only the misses (in their order) and reassembles the answer in input order.</summary>
    private async Task<EmbeddingResponse> EmbedCoreAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var control = Validated(request.Cache, request.Model);
        var ns = control?.Namespace ?? _options.Namespace;
        var count = request.Input.Count;
        var keys = new string[count];
        var found = new CachedEntry?[count];
        var misses = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            keys[i] = _keys.Embedding(request, request.Input[i], ns);
            if (control?.NoCache != true)
                found[i] = Fresh(await _store.ReadAsync(keys[i], cancellationToken).ConfigureAwait(false), control) is { Embedding: not null } e ? e : null;
            if (found[i] is null) misses.Add(i);
        }
        if (misses.Count == 0) return FromCache(request, context, found!, keys[0]);
        if (control?.NoCache != true && LlmTelemetry.CacheMisses.Enabled) LlmTelemetry.CacheMisses.Add(1, new KeyValuePair<string, object?>(GenAiSemConv.OperationName, context.Operation));

        var sub = request;
        if (misses.Count < count)
        {
            sub = request.Clone();
            sub.Input = misses.ConvertAll(i => request.Input[i]);
        }
        var response = await Next.EmbedAsync(sub, context, cancellationToken).ConfigureAwait(false);
        var byIndex = response.Data.Count == misses.Count ? response.Data.ToDictionary(d => d.Index) : null;
        if (byIndex is null || byIndex.Count != misses.Count || byIndex.Keys.Any(k => k < 0 || k >= misses.Count))
            return misses.Count == count ? response : await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false); // cannot reassemble: ask for everything

        if (control?.NoStore != true) await StoreEmbeddingsAsync(sub, keys, misses, byIndex, response, control, cancellationToken).ConfigureAwait(false);
        var data = new List<EmbeddingData>(count);
        for (int i = 0, sent = 0; i < count; i++)
            data.Add(new EmbeddingData { Index = i, Embedding = found[i] is { } hit ? hit.Embedding! : byIndex[sent++].Embedding });
        response.Data = data;
        response.Details.CacheKey ??= keys[0];
        return response;
    }

    private async ValueTask StoreEmbeddingsAsync(EmbeddingRequest sent, string[] keys, List<int> misses, Dictionary<int, EmbeddingData> byIndex, EmbeddingResponse response, CacheControlOptions? control, CancellationToken ct)
    {
        var now = _store.Time.GetUtcNow();
        var ttl = control?.Ttl ?? _options.DefaultTtl;
        var totalChars = Math.Max(1, sent.Input.Sum(s => (long)s.Length));
        var totalTokens = response.Usage?.PromptTokens ?? 0;
        for (var j = 0; j < misses.Count; j++)
        {
            var entry = new CachedEntry
            {
                Created = now.ToUnixTimeMilliseconds(),
                Expires = (now + ttl).ToUnixTimeMilliseconds(),
                Provider = response.Details.Provider,
                Model = response.Model,
                Deployment = response.Details.Deployment,
                Embedding = byIndex[j].Embedding,
                Tokens = (int)Math.Round((double)totalTokens * sent.Input[j].Length / totalChars), // the batch's tokens, apportioned by length
            };
            await _store.WriteAsync(keys[misses[j]], entry, ttl, ct).ConfigureAwait(false);
        }
    }

    private EmbeddingResponse FromCache(EmbeddingRequest request, LlmCallContext context, CachedEntry[] entries, string firstKey)
    {
        var tokens = entries.Sum(e => e.Tokens ?? 0);
        var data = new List<EmbeddingData>(entries.Length);
        for (var i = 0; i < entries.Length; i++) data.Add(new EmbeddingData { Index = i, Embedding = entries[i].Embedding! });
        var details = HitDetails(context, entries[0], new Lookup(firstKey, entries[0], null, null, null));
        return new EmbeddingResponse { Model = entries[0].Model ?? request.Model, Data = data, Usage = new Usage { PromptTokens = tokens, TotalTokens = tokens }, Details = details };
    }
}
