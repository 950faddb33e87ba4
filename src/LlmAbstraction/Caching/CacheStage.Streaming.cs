using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Caching;

internal sealed partial class CacheStage
{
    public override IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
        => (_options.CallTypes & CacheCallTypes.Streaming) == 0
            ? Next.StreamAsync(request, context, cancellationToken)
            : StreamCoreAsync(request, context, cancellationToken);

    /// <summary>A hit is replayed as a stream; a miss streams through and is stored only once it completed with every choice finished.</summary>
    private async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var control = Validated(request.Cache, request.Model);
        var ns = control?.Namespace ?? _options.Namespace;
        var key = _keys.Chat(request, ns);
        var lookup = await LookupAsync(request, key, ns, control, context, cancellationToken).ConfigureAwait(false);
        if (lookup.Entry is { Response: { } cached } entry)
        {
            var details = HitDetails(context, entry, lookup);
            foreach (var chunk in StreamReplay.Chunks(cached, details))
            {
                details.TimeToFirstChunk ??= context.Elapsed;
                yield return chunk;
            }
            yield break;
        }

        context.Details.CacheKey = key;
        var aggregator = control?.NoStore == true ? null : new ChunkAggregator();
        await foreach (var chunk in Next.StreamAsync(request, context, cancellationToken).ConfigureAwait(false))
        {
            aggregator?.Add(chunk);
            yield return chunk;
        }
        if (aggregator?.Build() is { } response && response.Choices.Count > 0 && response.Choices.All(c => c.FinishReason is not null))
            await StoreAsync(key, response, context.Details, control, lookup, cancellationToken).ConfigureAwait(false);
    }
}
