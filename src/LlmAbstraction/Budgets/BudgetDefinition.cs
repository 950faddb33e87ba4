namespace LlmAbstraction.Budgets;

/// <summary>
/// A budget: a spend limit in USD for a subject over a period, optional per-model caps inside it
/// (LiteLLM's <c>model_spend_map</c>) and soft thresholds that raise <see cref="IBudgetManager.ThresholdReached"/>.
/// </summary>
/// <example><code>
/// await budgets.CreateBudgetAsync(new BudgetDefinition(BudgetSubject.Team("platform"), 500m, BudgetPeriod.Monthly)
/// {
///     ModelLimits = new Dictionary&lt;string, decimal&gt; { ["claude-opus-4-6"] = 50m },
///     SoftThresholds = [0.8m],
/// });
/// </code></example>
public sealed record BudgetDefinition
{
    /// <summary>Creates a budget of <paramref name="limit"/> USD per <paramref name="period"/>.</summary>
    public BudgetDefinition(BudgetSubject subject, decimal limit, BudgetPeriod period)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        Period = period ?? throw new ArgumentNullException(nameof(period));
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "A budget limit cannot be negative.");
        Limit = limit;
    }

    /// <summary>Who the budget belongs to.</summary>
    public BudgetSubject Subject { get; }

    /// <summary>The most that may be spent per period, in USD (LiteLLM's <c>max_budget</c>).</summary>
    public decimal Limit { get; }

    /// <summary>When the spend resets (LiteLLM's <c>budget_duration</c>).</summary>
    public BudgetPeriod Period { get; }

    /// <summary>
    /// Per-model caps in USD per period, keyed by model name (<c>claude-opus-4-6</c> or <c>anthropic/claude-opus-4-6</c>;
    /// a bare key also matches the prefixed name). Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> ModelLimits { get; init; } = new Dictionary<string, decimal>();

    /// <summary>
    /// Fractions of <see cref="Limit"/> (e.g. <c>0.8</c>) at which <see cref="IBudgetManager.ThresholdReached"/> is
    /// raised, once per threshold per period. Each in (0, 1]. Default: none.
    /// </summary>
    public IReadOnlyList<decimal> SoftThresholds { get; init; } = [];

    /// <summary>
    /// The start of the first period of a <see cref="BudgetPeriodKind.Custom"/> budget. Default <see langword="null"/>:
    /// the manager sets it to the creation time.
    /// </summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// The IANA or Windows time zone id whose midnight starts calendar periods. Default <see langword="null"/>: UTC.
    /// </summary>
    public string? TimeZoneId { get; init; }

    internal void Validate()
    {
        foreach (var (model, cap) in ModelLimits)
        {
            if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("A model limit needs a model name.", nameof(ModelLimits));
            if (cap < 0) throw new ArgumentOutOfRangeException(nameof(ModelLimits), cap, $"The limit for model '{model}' cannot be negative.");
        }
        foreach (var t in SoftThresholds)
            if (t <= 0 || t > 1) throw new ArgumentOutOfRangeException(nameof(SoftThresholds), t, "A soft threshold is a fraction of the limit in (0, 1].");
        _ = Zone();
    }

    internal TimeZoneInfo? Zone()
    {
        if (TimeZoneId is null) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId); }
        catch (TimeZoneNotFoundException ex) { throw new ArgumentException($"Unknown time zone '{TimeZoneId}'.", nameof(TimeZoneId), ex); }
        catch (InvalidTimeZoneException ex) { throw new ArgumentException($"Invalid time zone '{TimeZoneId}'.", nameof(TimeZoneId), ex); }
    }

    internal (DateTimeOffset Start, DateTimeOffset? End) Window(DateTimeOffset now)
        => Period.Window(now, CreatedAt ?? DateTimeOffset.UnixEpoch, Zone());
}
