using System.Runtime.CompilerServices;
using System.Text;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Pricing;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Budgets;

/// <summary>
/// Enforces budgets: before a call is sent, reserves its maximum cost in every budget that applies (or refuses it
/// with <see cref="BudgetExceededException"/>); after it, settles to the actual cost, which the cost stage inside
/// has put on the response (for a stream, on the chunk carrying usage). A failed call settles to zero; a stream that
/// fails, is cancelled or ends without usage settles to the prompt plus the output tokens it delivered.
/// </summary>
internal sealed class BudgetStage(LlmHandler next, IBudgetManager manager, BudgetCostEstimator estimator, BudgetEnforcementOptions options, ILogger logger)
    : DelegatingLlmHandler(next)
{
    public override async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var estimate = estimator.Estimate(request);
        var reservation = await ReserveAsync(BudgetMetadataKeys.SubjectsOf(request.User, request.Metadata, request.ApiKey), estimate, context, cancellationToken).ConfigureAwait(false);
        if (reservation.IsEmpty) return await Next.CompleteAsync(request, context, cancellationToken).ConfigureAwait(false);
        ChatCompletionResponse response;
        try
        {
            response = await Next.CompleteAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await SettleAsync(reservation, 0m).ConfigureAwait(false);
            throw;
        }
        await SettleAsync(reservation, response.Details.Cost).ConfigureAwait(false);
        return response;
    }

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var estimate = estimator.Estimate(request);
        var reservation = await ReserveAsync(BudgetMetadataKeys.SubjectsOf(request.User, request.Metadata, request.ApiKey), estimate, context, cancellationToken).ConfigureAwait(false);
        if (reservation.IsEmpty)
        {
            await foreach (var chunk in Next.StreamAsync(request, context, cancellationToken).ConfigureAwait(false)) yield return chunk;
            yield break;
        }
        decimal? actual = null;
        var delivered = false;
        var completed = false;
        var output = new StringBuilder();
        try
        {
            await foreach (var chunk in Next.StreamAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                if (chunk.Details?.Cost is { } cost) actual = cost;
                delivered = true;
                foreach (var choice in chunk.Choices) Append(output, choice.Delta);
                yield return chunk;
            }
            completed = true;
        }
        finally
        {
            var used = actual ?? (delivered || completed
                ? BudgetCostEstimator.PartialCost(estimate, TokenCounter.CountText(estimate.CountingModel, output.ToString()).Tokens) ?? 0m
                : 0m);
            await SettleAsync(reservation, used).ConfigureAwait(false);
        }
    }

    public override async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var estimate = estimator.Estimate(request);
        var reservation = await ReserveAsync(BudgetMetadataKeys.SubjectsOf(request.User, request.Metadata, request.ApiKey), estimate, context, cancellationToken).ConfigureAwait(false);
        if (reservation.IsEmpty) return await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false);
        EmbeddingResponse response;
        try
        {
            response = await Next.EmbedAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await SettleAsync(reservation, 0m).ConfigureAwait(false);
            throw;
        }
        await SettleAsync(reservation, response.Details.Cost).ConfigureAwait(false);
        return response;
    }

    private async Task<BudgetReservation> ReserveAsync(List<BudgetSubject> subjects, BudgetEstimate estimate, LlmCallContext context, CancellationToken cancellationToken)
    {
        BudgetReservation reservation;
        try
        {
            reservation = await manager.ReserveAsync(subjects, estimate.Model, estimate.MaxCost ?? 0m, cancellationToken).ConfigureAwait(false);
        }
        catch (BudgetExceededException ex)
        {
            if (ex.Budget is { } b) context.Items[GenAiSemConv.BudgetSubject] = b.Subject.ToString();
            throw;
        }
        if (reservation.IsEmpty) return reservation;
        context.Items[GenAiSemConv.BudgetSubject] = string.Join(",", reservation.Subjects);
        if (estimate.MaxCost is null && options.RefuseUnpricedModels)
        {
            await SettleAsync(reservation, 0m).ConfigureAwait(false);
            throw new BudgetExceededException(
                $"Model '{estimate.Model}' has no known price, and budgets apply to this call ({context.Items[GenAiSemConv.BudgetSubject]}); register its price with ModelCatalog.Register.",
                new LlmErrorDetails { Model = estimate.Model, ErrorCode = "budget_unpriced_model" });
        }
        return reservation;
    }

    // Spend is recorded even when the caller has gone: the settlement itself is never cancelled. A store failure here
    // is logged, not thrown, so a call that was answered (and paid for) still returns its answer.
    private async Task SettleAsync(BudgetReservation reservation, decimal? cost)
    {
        try
        {
            await reservation.SettleAsync(cost, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Budget settlement failed for {Subjects}; the call's cost of {Cost} USD was not recorded.", string.Join(",", reservation.Subjects), cost ?? reservation.Amount);
        }
    }

    private static void Append(StringBuilder output, ChatDelta? delta)
    {
        if (delta is null) return;
        output.Append(delta.Content).Append(delta.ReasoningContent);
        foreach (var call in delta.ToolCalls ?? []) output.Append(call.Function?.Name).Append(call.Function?.Arguments);
    }
}
