using LlmAbstraction.Routing;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>The key layout: <c>{prefix}:{group}:{deployment id}:{field}</c>; minute and failure windows are suffixed with their number.</summary>
internal sealed class RouterRedisKeys(string prefix)
{
    public RedisKey Cooldown(DeploymentGroup g, int i) => Key(g, i, "cooldown");
    public RedisKey InFlight(DeploymentGroup g, int i) => Key(g, i, "inflight");
    public RedisKey Requests(DeploymentGroup g, int i, long minute) => Key(g, i, "rpm:" + minute);
    public RedisKey Tokens(DeploymentGroup g, int i, long minute) => Key(g, i, "tpm:" + minute);
    public RedisKey Failures(DeploymentGroup g, int i, long bucket) => Key(g, i, "fails:" + bucket);
    public RedisKey Latency(DeploymentGroup g, int i, bool ttft) => Key(g, i, ttft ? "ttft" : "latency");

    private RedisKey Key(DeploymentGroup g, int i, string field) => $"{prefix}:{g.Name}:{g[i].Id}:{field}";
}
