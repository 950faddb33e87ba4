using System.Globalization;
using System.Net.Http.Headers;

namespace LlmAbstraction.Providers;

/// <summary>
/// Reads how long a provider asks us to wait: <c>retry-after-ms</c>, then <c>retry-after</c>
/// (seconds or an HTTP date), then the providers' rate-limit reset headers.
/// </summary>
public static class RetryAfterParser
{
    /// <summary>The wait, or <see langword="null"/> when the headers say nothing.</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (First(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            return TimeSpan.FromMilliseconds(millis);
        if (First(headers, "retry-after") is { } ra)
        {
            if (double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(ra, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return Max0(date - timeProvider.GetUtcNow());
        }
        TimeSpan? best = null;
        foreach (var name in ResetHeaders)
        {
            if (First(headers, name) is not { } value) continue;
            var wait = ParseReset(value, timeProvider);
            if (wait is { } w && (best is null || w > best)) best = w;
        }
        return best;
    }

    private static readonly string[] ResetHeaders =
    [
        "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
        "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset",
    ];

    /// <summary>Parses a reset value: an RFC 3339 time (Anthropic) or a duration such as <c>6m0s</c>, <c>1s</c>, <c>250ms</c> (OpenAI).</summary>
    internal static TimeSpan? ParseReset(string value, TimeProvider timeProvider)
    {
        if (value.Length > 0 && char.IsDigit(value[0]) && value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return Max0(at - timeProvider.GetUtcNow());
        return ParseGoDuration(value);
    }

    private static TimeSpan? ParseGoDuration(string value)
    {
        double totalMs = 0;
        var i = 0;
        var any = false;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && (char.IsDigit(value[i]) || value[i] == '.')) i++;
            if (start == i || !double.TryParse(value.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return null;
            var unitStart = i;
            while (i < value.Length && char.IsLetter(value[i])) i++;
            var factor = value.AsSpan(unitStart, i - unitStart) switch
            {
                "h" => 3_600_000d,
                "m" => 60_000d,
                "s" => 1000d,
                "ms" => 1d,
                _ => double.NaN,
            };
            if (double.IsNaN(factor)) return null;
            totalMs += n * factor;
            any = true;
        }
        return any ? TimeSpan.FromMilliseconds(totalMs) : null;
    }

    private static TimeSpan Max0(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static string? First(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
