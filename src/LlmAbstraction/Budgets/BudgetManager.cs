using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmAbstraction.Budgets;

/// <summary>
/// The budget manager over an <see cref="IBudgetStore"/> (in memory by default). Periods are computed from the
/// manager's <see cref="TimeProvider"/>: calendar periods start at midnight UTC unless the budget names a time zone.
/// </summary>
/// <remarks>
/// Reserve-then-settle: a call reserves its maximum possible cost in every budget it is charged to (atomically, in
/// the store), so concurrent calls can never together exceed a budget by more than one call's underestimate; the
/// actual cost replaces the reservation when the call ends. A call's cost counts in the period it was reserved in.
/// </remarks>
public sealed class BudgetManager : IBudgetManager
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a manager over <paramref name="store"/> (default: a new <see cref="InMemoryBudgetStore"/>).</summary>
    public BudgetManager(IBudgetStore? store = null, TimeProvider? timeProvider = null, ILogger<BudgetManager>? logger = null)
    {
        Store = store ?? new InMemoryBudgetStore();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The store.</summary>
    public IBudgetStore Store { get; }

    /// <inheritdoc/>
    public event EventHandler<BudgetThresholdEventArgs>? ThresholdReached;

    /// <inheritdoc/>
    public Task CreateBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        budget.Validate();
        if (budget.CreatedAt is null) budget = budget with { CreatedAt = _time.GetUtcNow() };
        return Store.SetBudgetAsync(budget, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<BudgetDefinition?> GetBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var found = await Store.GetBudgetsAsync([subject], cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken = default) => Store.ListBudgetsAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Store.DeleteBudgetAsync(subject, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<BudgetStatus?> GetStatusAsync(BudgetSubject subject, CancellationToken cancellationToken = default)
    {
        if (await GetBudgetAsync(subject, cancellationToken).ConfigureAwait(false) is not { } budget) return null;
        var (start, end) = budget.Window(_time.GetUtcNow());
        var usage = await Store.GetUsageAsync(subject, start, cancellationToken).ConfigureAwait(false);
        return new BudgetStatus { Budget = budget, Spent = usage.Spent, Reserved = usage.Reserved, ModelSpend = usage.ModelSpend, PeriodStart = start, PeriodEnd = end };
    }

    /// <inheritdoc/>
    public async Task AddCostAsync(BudgetSubject subject, string? model, decimal cost, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var budget = await Require(subject, cancellationToken).ConfigureAwait(false);
        var charge = Charge(budget, model, 0m, _time.GetUtcNow());
        await SettleAsync([charge], cost, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task ResetAsync(BudgetSubject subject, CancellationToken cancellationToken = default)
    {
        var budget = await Require(subject, cancellationToken).ConfigureAwait(false);
        await Store.ResetAsync(subject, budget.Window(_time.GetUtcNow()).Start, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetSubject> subjects, string? model, decimal maxCost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCost);
        if (subjects.Count == 0) return BudgetReservation.None;
        var budgets = await Store.GetBudgetsAsync(subjects.Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        if (budgets.Count == 0) return BudgetReservation.None;
        var now = _time.GetUtcNow();
        var charges = budgets.Select(b => Charge(b, model, maxCost, now)).ToList();
        var result = await Store.TryReserveAsync(charges, cancellationToken).ConfigureAwait(false);
        if (result.Refused is { } refused) throw Exceeded(refused, result);
        return new BudgetReservation(charges.ConvertAll(c => c.Subject), maxCost, (cost, ct) => SettleAsync(charges, cost, ct));
    }

    private async Task SettleAsync(IReadOnlyList<BudgetCharge> charges, decimal cost, CancellationToken cancellationToken)
    {
        var crossings = await Store.SettleAsync(charges, cost, cancellationToken).ConfigureAwait(false);
        foreach (var c in crossings)
        {
            try
            {
                ThresholdReached?.Invoke(this, new BudgetThresholdEventArgs(c.Charge.Subject, c.Threshold, c.Spent, c.Charge.Limit, c.Charge.PeriodEnd));
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A budget threshold handler failed for {Subject} at {Threshold}.", c.Charge.Subject, c.Threshold);
            }
        }
    }

    private async Task<BudgetDefinition> Require(BudgetSubject subject, CancellationToken cancellationToken)
        => await GetBudgetAsync(subject, cancellationToken).ConfigureAwait(false)
           ?? throw new KeyNotFoundException($"No budget exists for '{subject}'. Create one with CreateBudgetAsync.");

    private static BudgetCharge Charge(BudgetDefinition budget, string? model, decimal amount, DateTimeOffset now)
    {
        var (start, end) = budget.Window(now);
        var cap = model is null ? null : ModelCaps.Match(budget.ModelLimits, model);
        return new BudgetCharge
        {
            Subject = budget.Subject,
            PeriodStart = start,
            PeriodEnd = end,
            Limit = budget.Limit,
            Model = cap?.Key ?? model,
            ModelLimit = cap?.Limit,
            Amount = amount,
            SoftThresholds = budget.SoftThresholds,
        };
    }

    private static BudgetExceededException Exceeded(BudgetCharge charge, BudgetReserveResult result)
    {
        var limit = result.RefusedByModelLimit ? charge.ModelLimit!.Value : charge.Limit;
        var details = new BudgetExceededDetails
        {
            Subject = charge.Subject,
            Model = result.RefusedByModelLimit ? charge.Model : null,
            Spent = result.Spent,
            Reserved = result.ReservedAmount,
            Limit = limit,
            RequestedCost = charge.Amount,
            PeriodEnd = charge.PeriodEnd,
        };
        var what = result.RefusedByModelLimit ? $"the '{charge.Model}' cap of {Usd(limit)}" : $"its limit of {Usd(limit)}";
        var ends = charge.PeriodEnd is { } e ? $"; the period ends {e.ToString("u", CultureInfo.InvariantCulture)}" : " (lifetime budget)";
        var message = $"Budget exceeded for {charge.Subject}: spent {Usd(result.Spent)} (+{Usd(result.ReservedAmount)} reserved by calls in flight) "
            + $"of {what}; this call may cost up to {Usd(charge.Amount)}{ends}.";
        return new BudgetExceededException(message, details, new LlmErrorDetails { Model = charge.Model, ErrorCode = "budget_exceeded" });
    }

    private static string Usd(decimal v) => "$" + v.ToString("0.########", CultureInfo.InvariantCulture);
}
