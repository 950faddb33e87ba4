using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmAbstraction.Budgets;

/// <summary>The persisted form of budgets (file and Redis stores).</summary>
internal static class BudgetJson
{
    public static BudgetRecord ToRecord(BudgetDefinition d) => new()
    {
        Subject = d.Subject.ToString(),
        Limit = d.Limit,
        Period = d.Period.Kind == BudgetPeriodKind.Custom ? "custom" : d.Period.ToString(),
        PeriodTicks = d.Period.Length?.Ticks,
        CreatedAt = d.CreatedAt,
        TimeZoneId = d.TimeZoneId,
        ModelLimits = d.ModelLimits.Count == 0 ? null : new Dictionary<string, decimal>(d.ModelLimits),
        SoftThresholds = d.SoftThresholds.Count == 0 ? null : [.. d.SoftThresholds],
    };

    /// <exception cref="FormatException">The record is not a valid budget.</exception>
    public static BudgetDefinition FromRecord(BudgetRecord r)
    {
        try
        {
            var period = r.Period == "custom"
                ? BudgetPeriod.Every(TimeSpan.FromTicks(r.PeriodTicks ?? throw new FormatException("A custom period has no length.")))
                : BudgetPeriod.Parse(r.Period ?? throw new FormatException("The budget has no period."));
            return new BudgetDefinition(BudgetSubject.Parse(r.Subject ?? throw new FormatException("The budget has no subject.")), r.Limit, period)
            {
                CreatedAt = r.CreatedAt,
                TimeZoneId = r.TimeZoneId,
                ModelLimits = r.ModelLimits is null ? new Dictionary<string, decimal>() : new Dictionary<string, decimal>(r.ModelLimits, StringComparer.OrdinalIgnoreCase),
                SoftThresholds = r.SoftThresholds ?? [],
            };
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Invalid stored budget: {ex.Message}", ex);
        }
    }

    public static string Serialize(BudgetDefinition d) => JsonSerializer.Serialize(ToRecord(d), BudgetJsonContext.Default.BudgetRecord);

    /// <exception cref="FormatException">The text is not a budget.</exception>
    public static BudgetDefinition Deserialize(string json)
    {
        try
        {
            return FromRecord(JsonSerializer.Deserialize(json, BudgetJsonContext.Default.BudgetRecord) ?? throw new FormatException("The stored budget is null."));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Invalid stored budget JSON: {ex.Message}", ex);
        }
    }
}

internal sealed class BudgetRecord
{
    public string? Subject { get; set; }
    public decimal Limit { get; set; }
    public string? Period { get; set; }
    public long? PeriodTicks { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? TimeZoneId { get; set; }
    public Dictionary<string, decimal>? ModelLimits { get; set; }
    public List<decimal>? SoftThresholds { get; set; }
}

internal sealed class BucketRecord
{
    public string? Subject { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public decimal Spent { get; set; }
    public Dictionary<string, decimal>? ModelSpend { get; set; }
    public List<decimal>? Fired { get; set; }
}

internal sealed class BudgetFileDocument
{
    public int Version { get; set; } = 1;
    public List<BudgetRecord> Budgets { get; set; } = [];
    public List<BucketRecord> Usage { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(BudgetRecord))]
[JsonSerializable(typeof(BudgetFileDocument))]
internal sealed partial class BudgetJsonContext : JsonSerializerContext;
