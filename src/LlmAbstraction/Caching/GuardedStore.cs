using System.Diagnostics;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Caching;

/// <summary>
/// The store and the semantic index as the cache stage uses them: every operation bounded by
/// <see cref="CacheOptions.StoreTimeout"/>, and every failure logged, counted (<c>llmabstraction.cache.errors</c>) and
/// turned into a miss or a skipped write. Only the caller's own cancellation propagates.
/// </summary>
internal sealed class GuardedStore(IEntryStore store, ISemanticCacheIndex? index, CacheOptions options, TimeProvider time, ILogger logger)
{
    public TimeProvider Time => time;

    public async ValueTask<CachedEntry?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var pending = store.GetAsync(key, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result
                : await pending.AsTask().WaitAsync(options.StoreTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("read", ex);
            return null;
        }
    }

    public async ValueTask WriteAsync(string key, CachedEntry entry, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            var pending = store.SetAsync(key, entry, ttl, cancellationToken);
            if (!pending.IsCompletedSuccessfully) await pending.AsTask().WaitAsync(options.StoreTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("write", ex);
        }
    }

    public async ValueTask<SemanticCacheMatch?> FindNearestAsync(string scope, float[] vector, CancellationToken cancellationToken)
    {
        try
        {
            return await index!.FindNearestAsync(scope, vector, cancellationToken).AsTask().WaitAsync(options.StoreTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("semantic_read", ex);
            return null;
        }
    }

    public async ValueTask AddVectorAsync(string scope, float[] vector, string key, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        try
        {
            await index!.AddAsync(scope, vector, key, expires, cancellationToken).AsTask().WaitAsync(options.StoreTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("semantic_write", ex);
        }
    }

    /// <summary>Logs and counts a cache failure (also used for the prompt embedding call).</summary>
    public void Failed(string operation, Exception ex)
    {
        var errorType = ex is LlmException llm ? GenAiSemConv.ErrorTypeValue(llm.Kind) : ex.GetType().Name;
        CacheLog.Failed(logger, operation, errorType, ex);
        if (LlmTelemetry.CacheErrors.Enabled)
            LlmTelemetry.CacheErrors.Add(1, new TagList { { "llmabstraction.cache.operation", operation }, { GenAiSemConv.ErrorType, errorType } });
    }
}
