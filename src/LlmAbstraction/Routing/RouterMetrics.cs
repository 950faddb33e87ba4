using System.Diagnostics;
using LlmAbstraction.Telemetry;

namespace LlmAbstraction.Routing;

/// <summary>The router's metrics: cooldowns, and the rpm/tpm left for a deployment when it is picked. Recorded only when listened to.</summary>
internal static class RouterMetrics
{
    public static void Cooled(DeploymentGroup group, int index, LlmException error)
    {
        if (!LlmTelemetry.Cooldowns.Enabled) return;
        LlmTelemetry.Cooldowns.Add(1, new TagList
        {
            { "llmabstraction.model_group", group.Name },
            { GenAiSemConv.Deployment, group[index].Id },
            { GenAiSemConv.ErrorType, GenAiSemConv.ErrorTypeValue(error.Kind) },
        });
    }

    /// <summary>Whether anyone listens for the remaining-budget gauges of this deployment (then the state is read again after the reservation).</summary>
    public static bool RemainingEnabled(Deployment d)
        => (d.Rpm is not null && LlmTelemetry.RemainingRequests.Enabled) || (d.Tpm is not null && LlmTelemetry.RemainingTokens.Enabled);

    /// <summary>Records what is left this minute, from state read after this pick's reservation.</summary>
    public static void Remaining(DeploymentGroup group, int index, RouterGroupState state, DateTimeOffset now)
    {
        var deployment = group[index];
        var requestsOn = deployment.Rpm is not null && LlmTelemetry.RemainingRequests.Enabled;
        var tokensOn = deployment.Tpm is not null && LlmTelemetry.RemainingTokens.Enabled;
        if (!requestsOn && !tokensOn) return;
        var minute = RouterGroupState.MinuteOf(now);
        var tags = new TagList { { "llmabstraction.model_group", group.Name }, { GenAiSemConv.Deployment, deployment.Id } };
        if (requestsOn) LlmTelemetry.RemainingRequests.Record(Math.Max(0, deployment.Rpm!.Value - state.Requests(index, minute)), tags);
        if (tokensOn) LlmTelemetry.RemainingTokens.Record(Math.Max(0, deployment.Tpm!.Value - state.Tokens(index, minute)), tags);
    }
}
