namespace LlmAbstraction.Redis;

/// <summary>Options of <see cref="RedisRouterStateStore"/>.</summary>
public sealed class RedisRouterStateStoreOptions
{
    /// <summary>The prefix of every key; routers sharing state must use the same one. Keys hold group names and deployment ids, never secrets.</summary>
    /// <value>Default <c>llmabstraction:router</c>.</value>
    public string KeyPrefix { get; set; } = "llmabstraction:router";

    /// <summary>How long an in-flight counter lives without changes (guards against processes that died mid-call).</summary>
    /// <value>Default 10 minutes.</value>
    public TimeSpan InFlightTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The Redis database number.</summary>
    /// <value>Default -1 (the connection's default database).</value>
    public int Database { get; set; } = -1;
}
