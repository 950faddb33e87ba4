using System.Globalization;

namespace LlmAbstraction.Budgets;

/// <summary>How a budget's spend resets.</summary>
public enum BudgetPeriodKind
{
    /// <summary>Never resets.</summary>
    Lifetime = 0,
    /// <summary>At midnight.</summary>
    Daily,
    /// <summary>At midnight between Sunday and Monday (ISO-8601 weeks).</summary>
    Weekly,
    /// <summary>At midnight on the first day of each calendar month (not every 28 or 30 days).</summary>
    Monthly,
    /// <summary>At midnight on 1 January.</summary>
    Yearly,
    /// <summary>Every fixed <see cref="BudgetPeriod.Length"/>, counted from the budget's <see cref="BudgetDefinition.CreatedAt"/>.</summary>
    Custom,
}

/// <summary>
/// A budget's reset period: calendar days, weeks, months and years (midnight in the budget's time zone, UTC by
/// default), or a fixed length counted from the budget's creation.
/// </summary>
public sealed record BudgetPeriod
{
    private BudgetPeriod(BudgetPeriodKind kind, TimeSpan? length)
    {
        Kind = kind;
        Length = length;
    }

    /// <summary>The kind of period.</summary>
    public BudgetPeriodKind Kind { get; }

    /// <summary>The length of a <see cref="BudgetPeriodKind.Custom"/> period; <see langword="null"/> otherwise.</summary>
    public TimeSpan? Length { get; }

    /// <summary>Never resets.</summary>
    public static BudgetPeriod Lifetime { get; } = new(BudgetPeriodKind.Lifetime, null);
    /// <summary>Resets at midnight.</summary>
    public static BudgetPeriod Daily { get; } = new(BudgetPeriodKind.Daily, null);
    /// <summary>Resets at midnight before Monday.</summary>
    public static BudgetPeriod Weekly { get; } = new(BudgetPeriodKind.Weekly, null);
    /// <summary>Resets on the first of each calendar month.</summary>
    public static BudgetPeriod Monthly { get; } = new(BudgetPeriodKind.Monthly, null);
    /// <summary>Resets on 1 January.</summary>
    public static BudgetPeriod Yearly { get; } = new(BudgetPeriodKind.Yearly, null);

    /// <summary>Resets every <paramref name="length"/> (at least one second), counted from the budget's creation.</summary>
    public static BudgetPeriod Every(TimeSpan length)
    {
        if (length < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(length), length, "A budget period is at least one second long.");
        return new(BudgetPeriodKind.Custom, length);
    }

    /// <summary>
    /// Reads LiteLLM's <c>budget_duration</c>: <c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>yearly</c>,
    /// <c>lifetime</c>, <c>1mo</c> (calendar month), <c>1y</c> (calendar year), or a fixed length <c>30s</c>,
    /// <c>30m</c>, <c>30h</c>, <c>30d</c>, <c>2w</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a period.</exception>
    public static BudgetPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "lifetime": return Lifetime;
            case "daily": return Daily;
            case "weekly": return Weekly;
            case "monthly" or "1mo": return Monthly;
            case "yearly" or "1y": return Yearly;
        }
        var digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        if (digits > 0 && digits <= 9 && int.TryParse(t.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? length = t[digits..] switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                "w" => TimeSpan.FromDays(7L * n),
                _ => null,
            };
            if (length is { } l) return Every(l);
        }
        throw new FormatException($"'{text}' is not a budget period; use daily, weekly, monthly, yearly, lifetime, 1mo, 1y, or a length such as 30s, 30m, 12h, 30d, 2w.");
    }

    /// <summary>The text form accepted by <see cref="Parse"/> (<c>monthly</c>, <c>90m</c>, …).</summary>
    public override string ToString() => Kind switch
    {
        BudgetPeriodKind.Custom => Length!.Value.TotalSeconds % 86400 == 0 ? $"{(long)Length.Value.TotalDays}d"
            : Length.Value.TotalSeconds % 60 == 0 ? $"{(long)Length.Value.TotalMinutes}m" : $"{(long)Length.Value.TotalSeconds}s",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The period containing <paramref name="now"/>: its start (inclusive) and end (exclusive, null when it never ends).</summary>
    internal (DateTimeOffset Start, DateTimeOffset? End) Window(DateTimeOffset now, DateTimeOffset anchor, TimeZoneInfo? zone)
    {
        if (Kind == BudgetPeriodKind.Lifetime) return (DateTimeOffset.UnixEpoch, null);
        if (Kind == BudgetPeriodKind.Custom)
        {
            var ticks = Length!.Value.Ticks;
            var k = (long)Math.Floor((now - anchor).Ticks / (double)ticks);
            if (anchor.AddTicks(k * ticks) > now) k--;
            else if (anchor.AddTicks((k + 1) * ticks) <= now) k++;
            var start = anchor.AddTicks(k * ticks).ToUniversalTime();
            return (start, start.AddTicks(ticks));
        }
        zone ??= TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var day = local.Date;
        var (from, to) = Kind switch
        {
            BudgetPeriodKind.Daily => (day, day.AddDays(1)),
            BudgetPeriodKind.Weekly => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(7 - (((int)day.DayOfWeek + 6) % 7))),
            BudgetPeriodKind.Monthly => (new DateTime(day.Year, day.Month, 1), new DateTime(day.Year, day.Month, 1).AddMonths(1)),
            _ => (new DateTime(day.Year, 1, 1), new DateTime(day.Year + 1, 1, 1)),
        };
        return (ToUtc(from, zone), ToUtc(to, zone));
    }

    // A local midnight that does not exist (a spring-forward gap) starts at the first valid minute after it.
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; i < 180 && zone.IsInvalidTime(local); i++) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
