using LlmAbstraction.Pipeline;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Caching;

/// <summary>
/// Answers repeated requests from the cache (exact key first, then the semantic index when configured) and stores fresh
/// answers. Sits inside the cost stage (a hit costs 0) and outside fallbacks and retries (a hit makes no attempt).
/// Cache failures never fail the call.
/// </summary>
internal sealed partial class CacheStage : DelegatingLlmHandler
{
    private readonly CacheOptions _options;
    private readonly CacheKeys _keys;
    private readonly GuardedStore _store;
    private readonly SemanticLayer? _semantic;
    private readonly ILogger _logger;

    public CacheStage(LlmHandler next, CacheOptions options, CacheKeys keys, GuardedStore store, ILogger logger) : base(next)
    {
        _options = options;
        _keys = keys;
        _store = store;
        _logger = logger;
        if (options.Semantic.Enabled) _semantic = new SemanticLayer(options.Semantic, keys, store);
    }

    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => (_options.CallTypes & CacheCallTypes.Completion) == 0
            ? Next.CompleteAsync(request, context, cancellationToken)
            : CompleteCoreAsync(request, context, cancellationToken);

    private async Task<ChatCompletionResponse> CompleteCoreAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var control = Validated(request.Cache, request.Model);
        var ns = control?.Namespace ?? _options.Namespace;
        var key = _keys.Chat(request, ns);
        var lookup = await LookupAsync(request, key, ns, control, context, cancellationToken).ConfigureAwait(false);
        if (lookup.Entry is { Response: { } cached } entry)
        {
            cached.Details = HitDetails(context, entry, lookup);
            return cached;
        }
        var response = await Next.CompleteAsync(request, context, cancellationToken).ConfigureAwait(false);
        response.Details.CacheKey ??= key;
        if (control?.NoStore != true) await StoreAsync(key, response, response.Details, control, lookup, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Exact lookup, then semantic; counts a miss. Skipped (but still prepared for the write) under no-cache.</summary>
    private async ValueTask<Lookup> LookupAsync(ChatCompletionRequest request, string key, string? ns, CacheControlOptions? control, LlmCallContext context, CancellationToken ct)
    {
        var lookup = new Lookup { Key = key };
        var noCache = control?.NoCache == true;
        if (!noCache && Fresh(await _store.ReadAsync(key, ct).ConfigureAwait(false), control) is { } exact)
            return lookup with { Entry = exact };
        if (_semantic is not null && SemanticLayer.CanEmbed(request))
        {
            var semantic = await _semantic.LookupAsync(Next, request, ns, noCache, context, ct).ConfigureAwait(false);
            lookup = lookup with { Scope = semantic.Scope, Vector = semantic.Vector };
            if (semantic.Match is { } match && Fresh(await _store.ReadAsync(match.EntryKey, ct).ConfigureAwait(false), control) is { } near)
                return lookup with { Entry = near, Key = match.EntryKey, Similarity = match.Similarity };
        }
        if (!noCache && LlmTelemetry.CacheMisses.Enabled) LlmTelemetry.CacheMisses.Add(1, new KeyValuePair<string, object?>(GenAiSemConv.OperationName, context.Operation));
        return lookup;
    }

    private async ValueTask StoreAsync(string key, ChatCompletionResponse response, ResponseDetails details, CacheControlOptions? control, Lookup lookup, CancellationToken ct)
    {
        var now = _store.Time.GetUtcNow();
        var ttl = control?.Ttl ?? _options.DefaultTtl;
        var entry = new CachedEntry
        {
            Created = now.ToUnixTimeMilliseconds(),
            Expires = (now + ttl).ToUnixTimeMilliseconds(),
            Provider = details.Provider,
            Model = details.Model,
            Deployment = details.Deployment,
            Response = response,
        };
        await _store.WriteAsync(key, entry, ttl, ct).ConfigureAwait(false);
        if (lookup.Scope is not null && lookup.Vector is not null)
            await _store.AddVectorAsync(lookup.Scope, lookup.Vector, key, now + ttl, ct).ConfigureAwait(false);
    }

    /// <summary>The entry when it is still valid: not expired, and younger than the request's s-maxage.</summary>
    private CachedEntry? Fresh(CachedEntry? entry, CacheControlOptions? control)
    {
        if (entry is null) return null;
        var now = _store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (entry.Expires <= now) return null;
        if (control?.SMaxAge is { } maxAge && now - entry.Created >= (long)maxAge.TotalMilliseconds) return null;
        return entry;
    }

    private ResponseDetails HitDetails(LlmCallContext context, CachedEntry entry, Lookup lookup)
    {
        var details = context.Details;
        details.Provider = entry.Provider;
        details.Model = entry.Model;
        details.Deployment = entry.Deployment;
        details.CacheHit = true;
        details.Cost = 0m;
        details.CacheKey = lookup.Key;
        details.CacheSimilarity = lookup.Similarity;
        if (_logger.IsEnabled(LogLevel.Debug)) CacheLog.Hit(_logger, context.RequestedModel, lookup.Key, lookup.Similarity);
        return details;
    }

    private static CacheControlOptions? Validated(CacheControlOptions? control, string model)
    {
        if (control is null) return null;
        if (control.Ttl is { } ttl && ttl <= TimeSpan.Zero) Invalid($"Cache.Ttl must be positive, not {ttl}.", model);
        if (control.SMaxAge is { } age && age < TimeSpan.Zero) Invalid($"Cache.SMaxAge must not be negative, not {age}.", model);
        return control;
    }

    private static void Invalid(string message, string model)
        => throw new BadRequestException(message, new LlmErrorDetails { ErrorCode = "invalid_cache_control", Model = model });

    /// <summary>What a lookup found, and what the write after a miss needs (the prompt's vector and scope).</summary>
    private readonly record struct Lookup(string Key, CachedEntry? Entry, double? Similarity, string? Scope, float[]? Vector);
}
