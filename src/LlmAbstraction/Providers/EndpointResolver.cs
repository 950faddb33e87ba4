namespace LlmAbstraction.Providers;

/// <summary>
/// Resolves where and how to call a provider: per-request values first, then the client's options
/// for that provider, then the provider's environment variables, then its defaults.
/// Values of the form <c>os.environ/NAME</c> are read from the environment.
/// </summary>
internal sealed class EndpointResolver
{
    private readonly LlmClientOptions _options;
    private readonly Func<string, string?> _environment;

    public EndpointResolver(LlmClientOptions options, Func<string, string?>? environment = null)
    {
        _options = options;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    public ProviderEndpoint Resolve(ProviderDescriptor descriptor, string model, string? apiBase, string? apiKey, string? apiVersion, IDictionary<string, string>? extraHeaders)
    {
        _options.Providers.TryGetValue(descriptor.Name, out var settings);
        var key = SecretReference.Resolve(apiKey, _environment) ?? SecretReference.Resolve(settings?.ApiKey, _environment) ?? FirstEnvironment(descriptor.ApiKeyEnvironmentVariables);
        if (key is null && descriptor.RequiresApiKey)
        {
            var vars = descriptor.ApiKeyEnvironmentVariables.Count > 0 ? string.Join(" or ", descriptor.ApiKeyEnvironmentVariables) : "the provider's key variable";
            throw new AuthenticationException(
                $"No API key for provider '{descriptor.Name}': set {vars}, configure Providers:{descriptor.Name}:ApiKey, or pass ApiKey on the request.",
                new LlmErrorDetails { Provider = descriptor.Name, Model = model, ErrorCode = "missing_api_key" });
        }

        var baseUrl = SecretReference.Resolve(apiBase, _environment) ?? SecretReference.Resolve(settings?.ApiBase, _environment)
            ?? FirstEnvironment(descriptor.ApiBaseEnvironmentVariables) ?? descriptor.DefaultApiBase;
        var version = apiVersion ?? SecretReference.Resolve(settings?.ApiVersion, _environment) ?? FirstEnvironment(descriptor.ApiVersionEnvironmentVariables);
        var headers = Merge(settings?.Headers, extraHeaders);
        return new ProviderEndpoint
        {
            ApiBase = baseUrl.TrimEnd('/'),
            ApiKey = key,
            ApiVersion = version,
            Headers = headers,
            Settings = settings?.Settings,
        };
    }

    private string? FirstEnvironment(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (_environment(name) is { Length: > 0 } value) return value;
        return null;
    }

    private static Dictionary<string, string>? Merge(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if (a is null or { Count: 0 } && b is null or { Count: 0 }) return null;
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (a is not null) foreach (var kv in a) merged[kv.Key] = kv.Value;
        if (b is not null) foreach (var kv in b) merged[kv.Key] = kv.Value;
        return merged;
    }
}

/// <summary>Resolves LiteLLM-style <c>os.environ/NAME</c> references.</summary>
public static class SecretReference
{
    /// <summary>The prefix that marks an environment reference.</summary>
    public const string Prefix = "os.environ/";

    /// <summary>Returns the value, reading the environment when it is an <c>os.environ/NAME</c> reference.</summary>
    public static string? Resolve(string? value, Func<string, string?>? environment = null)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (!value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        var name = value[Prefix.Length..];
        var resolved = (environment ?? Environment.GetEnvironmentVariable)(name);
        return string.IsNullOrEmpty(resolved) ? null : resolved;
    }
}
