namespace LlmAbstraction.Redis;

/// <summary>Key naming shared by the Redis stores: one prefix, namespaced by store, never containing secrets.</summary>
public static class RedisKeys
{
    /// <summary>The default key prefix.</summary>
    public const string DefaultPrefix = "llmabstraction:";

    /// <summary>Builds a key: <c>{prefix}{store}:{part}</c>.</summary>
    public static string Key(string prefix, string store, string part) => string.Concat(prefix, store, ":", part);
}
