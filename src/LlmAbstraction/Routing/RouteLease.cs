namespace LlmAbstraction.Routing;

/// <summary>One attempt's hold on a deployment: what was picked, what was reserved, when it started.</summary>
internal sealed class RouteLease(DeploymentGroup group, int index, long reservedTokens, long minute, long startTimestamp)
{
    public DeploymentGroup Group { get; } = group;
    public int Index { get; } = index;
    public Deployment Deployment => Group[Index];
    public long ReservedTokens { get; } = reservedTokens;
    public long Minute { get; } = minute;
    public long StartTimestamp { get; } = startTimestamp;
}
