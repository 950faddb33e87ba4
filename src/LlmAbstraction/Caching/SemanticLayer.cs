using System.Text;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Caching;

/// <summary>
/// The semantic lookup: embeds the prompt through the inner pipeline (the configured embedding model, never cached
/// itself), then asks the index for the nearest prompt of the same scope. Prompts with images, audio or files are not
/// embedded (their text alone would match prompts about other images): they use the exact cache only.
/// </summary>
internal sealed class SemanticLayer(SemanticCacheOptions options, CacheKeys keys, GuardedStore store)
{
    public static bool CanEmbed(ChatCompletionRequest request)
    {
        foreach (var m in request.Messages)
            if (m.Content?.Parts is { } parts)
                foreach (var p in parts)
                    if (p.Type != "text") return false;
        return true;
    }

    public async ValueTask<Result> LookupAsync(LlmHandler next, ChatCompletionRequest request, string? ns, bool noCache, LlmCallContext context, CancellationToken ct)
    {
        var scope = keys.SemanticScope(request, ns);
        var vector = await EmbedAsync(next, request, context, ct).ConfigureAwait(false);
        if (vector is null || noCache) return new Result(scope, vector, null);
        var match = await store.FindNearestAsync(scope, vector, ct).ConfigureAwait(false);
        return new Result(scope, vector, match is { } m && m.Similarity >= options.SimilarityThreshold ? m : null);
    }

    private async ValueTask<float[]?> EmbedAsync(LlmHandler next, ChatCompletionRequest request, LlmCallContext context, CancellationToken ct)
    {
        var model = options.EmbeddingModel!;
        try
        {
            var embedContext = new LlmCallContext("embeddings", model, isStreaming: false, context.TimeProvider);
            var response = await next.EmbedAsync(new EmbeddingRequest { Model = model, Input = [PromptText(request)] }, embedContext, ct).ConfigureAwait(false);
            return response.Data.Count == 1 ? VectorMath.Normalize(response.Data[0].Embedding) : null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            store.Failed("semantic_embed", ex);
            return null;
        }
    }

    /// <summary>The text embedded for a prompt: each message as <c>role: text</c>, tool calls as <c>name(arguments)</c>.</summary>
    internal static string PromptText(ChatCompletionRequest request)
    {
        var text = new StringBuilder();
        foreach (var m in request.Messages)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(m.Role).Append(": ").Append(m.Content?.GetText());
            if (m.ToolCalls is { } calls)
                foreach (var c in calls) text.Append(' ').Append(c.Function.Name).Append('(').Append(c.Function.Arguments).Append(')');
        }
        return text.ToString();
    }

    /// <summary>The scope and vector (kept for the write after a miss) and the match at or above the threshold, if any.</summary>
    public readonly record struct Result(string Scope, float[]? Vector, SemanticCacheMatch? Match);
}
