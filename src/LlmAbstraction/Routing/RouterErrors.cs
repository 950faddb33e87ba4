using System.Globalization;

namespace LlmAbstraction.Routing;

/// <summary>The router's own errors: every deployment filtered out, named with its reason and when the first returns.</summary>
internal static class RouterErrors
{
    public static LlmException NoDeployment(DeploymentGroup group, RouterGroupState state, DateTimeOffset now, int tokens, bool enforce, bool checkContext)
    {
        if (checkContext && Enumerable.Range(0, group.Count).All(i => group.MaxInput[i] < tokens))
            return new ContextWindowExceededException(
                $"No deployment of model group '{group.Name}' can hold the prompt (about {tokens} tokens, estimated as characters / 4): " +
                string.Join(", ", Enumerable.Range(0, group.Count).Select(i => $"{group[i].Id} ({group.MaxInput[i]} tokens)")) + ".",
                new LlmErrorDetails { Model = group.Name, ErrorCode = "context_window_exceeded" });

        var minute = RouterGroupState.MinuteOf(now);
        var nextMinute = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);
        DateTimeOffset? first = null;
        var reasons = new List<string>(group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            var d = group[i];
            var until = state.CooldownUntilUtcTicks(i);
            if (until > now.UtcTicks)
            {
                var at = new DateTimeOffset(until, TimeSpan.Zero);
                reasons.Add($"{d.Id} (cooling down until {Stamp(at)}, in {Seconds(at - now)})");
                first = first is null || at < first ? at : first;
            }
            else if (checkContext && group.MaxInput[i] < tokens)
                reasons.Add($"{d.Id} (context window of {group.MaxInput[i]} tokens too small)");
            else if (enforce && d.Rpm is { } rpm && state.Requests(i, minute) + 1 > rpm)
            {
                reasons.Add($"{d.Id} (rpm limit {rpm} reached this minute)");
                first = first is null || nextMinute < first ? nextMinute : first;
            }
            else if (enforce && d.Tpm is { } tpm && state.Tokens(i, minute) + tokens > tpm)
            {
                reasons.Add($"{d.Id} (tpm limit {tpm} reached this minute)");
                first = first is null || nextMinute < first ? nextMinute : first;
            }
            else reasons.Add($"{d.Id} (already failed in this call)");
        }
        var wait = first is { } f ? f - now : (TimeSpan?)null;
        var when = wait is { } w ? $" The first one returns in {Seconds(w)} (at {Stamp(first!.Value)})." : "";
        return new NoDeploymentAvailableException(
            $"No deployment of model group '{group.Name}' is available: all {group.Count} are unavailable: {string.Join(", ", reasons)}.{when}",
            new LlmErrorDetails { Model = group.Name, ErrorCode = "no_deployment_available", RetryAfter = wait });
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
