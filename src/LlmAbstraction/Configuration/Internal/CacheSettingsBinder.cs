namespace LlmAbstraction.Configuration;

internal static class CacheSettingsBinder
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "local", "redis", "redis-semantic", "qdrant-semantic", "s3", "gcs", "azure-blob", "disk",
    };

    public static CacheSettings Bind(MappingReader c)
    {
        var typeValue = c.Scalar("type");
        var type = typeValue?.Text ?? "local";
        if (!Types.Contains(type))
        {
            c.Context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.InvalidValue, c.KeyPath("type"),
                $"cache type {typeValue!.Value.Describe(false)} is not one of {string.Join(", ", Types)}");
        }

        var similarity = c.Double("similarity_threshold", 0, 1);
        if (similarity is not null && !type.EndsWith("-semantic", StringComparison.Ordinal))
        {
            c.Context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.NotImplemented, c.KeyPath("similarity_threshold"),
                "similarity_threshold only applies to semantic caches (redis-semantic, qdrant-semantic); LiteLLM ignores it here");
        }

        return new CacheSettings
        {
            Type = type,
            Host = c.String("host"),
            Port = c.Int("port", 1) is { } port && CheckPort(c, "port", port) ? port : null,
            Password = c.Secret("password"),
            Ttl = c.Seconds("ttl", positive: false),
            Namespace = c.String("namespace"),
            SimilarityThreshold = similarity,
            Mode = c.String("mode"),
            SupportedCallTypes = c.StringList("supported_call_types"),
            Extra = c.Rest(), // backend-specific keys vary: no warnings
        };
    }

    public static bool CheckPort(MappingReader reader, string key, int port)
    {
        if (port <= 65535)
        {
            return true;
        }

        reader.Context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, reader.KeyPath(key), "a port must be between 1 and 65535");
        return false;
    }
}
