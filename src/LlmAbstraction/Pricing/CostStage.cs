using System.Runtime.CompilerServices;
using LlmAbstraction.Pipeline;

namespace LlmAbstraction.Pricing;

/// <summary>
/// Puts the cost on every response (<see cref="ResponseDetails.Cost"/>) and on the stream chunk that carries
/// the details. Never throws: an unknown price leaves the cost <see langword="null"/>. A cost already set by
/// an inner stage is kept; a cache hit costs nothing.
/// </summary>
internal sealed class CostStage : DelegatingLlmHandler
{
    private readonly CostCalculator _calculator;

    public CostStage(LlmHandler next, CostCalculator calculator) : base(next) => _calculator = calculator;

    public override Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var task = Next.CompleteAsync(request, context, cancellationToken);
        if (!task.IsCompletedSuccessfully) return ApplyAsync(task, context);
        var response = task.Result;
        Apply(response.Details, response.Model, response.Usage, response.ServiceTier, context);
        return task; // already complete: no second task for the same response
    }

    private async Task<ChatCompletionResponse> ApplyAsync(Task<ChatCompletionResponse> pending, LlmCallContext context)
    {
        var response = await pending.ConfigureAwait(false);
        Apply(response.Details, response.Model, response.Usage, response.ServiceTier, context);
        return response;
    }

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in Next.StreamAsync(request, context, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Details is not null && chunk.Usage is not null)
                Apply(chunk.Details, chunk.Model, chunk.Usage, chunk.ServiceTier, context);
            yield return chunk;
        }
    }

    public override async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var response = await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false);
        Apply(response.Details, response.Model, response.Usage, null, context);
        return response;
    }

    private void Apply(ResponseDetails details, string? model, Usage? usage, string? serviceTier, LlmCallContext context)
    {
        if (details.Cost is not null) return;
        if (details.CacheHit) { details.Cost = 0m; return; }
        try
        {
            details.Cost = _calculator.Price(details, model, usage, serviceTier, context.Elapsed).Cost;
        }
        catch (Exception ex) when (ex is ArithmeticException or FormatException or InvalidOperationException or ArgumentException)
        {
            details.Warnings.Add($"The cost could not be computed: {ex.Message}");
        }
    }
}
