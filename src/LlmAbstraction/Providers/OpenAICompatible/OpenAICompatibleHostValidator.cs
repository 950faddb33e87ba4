using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Providers.OpenAICompatible;

/// <summary>Checks a catalogue entry so that a typo fails loudly at registration, not silently at call time.</summary>
internal static class OpenAICompatibleHostValidator
{
    public static void Validate(OpenAICompatibleHost host)
    {
        if (string.IsNullOrWhiteSpace(host.Name) || host.Name.Contains('/', StringComparison.Ordinal) || host.Name.Trim() != host.Name)
            throw new ArgumentException($"OpenAI-compatible host name '{host.Name}' must be non-empty, without '/' or surrounding spaces.", nameof(host));
        if (host.ApiBase.Length > 0
            && (!Uri.TryCreate(host.ApiBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
            throw new ArgumentException($"Host '{host.Name}': api_base '{host.ApiBase}' must be an absolute http(s) URL without a query.", nameof(host));
        if (host.ApiBase.Length == 0 && host.ApiBaseEnvironmentVariables.Count == 0)
            throw new ArgumentException($"Host '{host.Name}' has no api_base and no api_base_env: it could never be called.", nameof(host));
        foreach (var p in host.UnsupportedParams)
            if (!OpenAIParams.IsKnown(p))
                throw new ArgumentException($"Host '{host.Name}': unknown unsupported_params entry '{p}'. Known: {string.Join(", ", OpenAIParams.KnownNames)}.", nameof(host));
        if (!host.Capabilities.HasFlag(ProviderCapabilities.Chat))
            throw new ArgumentException($"Host '{host.Name}' must support Chat.", nameof(host));
        if (string.IsNullOrWhiteSpace(host.AuthHeader) || !host.ChatPath.StartsWith('/') || !host.EmbeddingsPath.StartsWith('/'))
            throw new ArgumentException($"Host '{host.Name}': auth_header must be set and paths must start with '/'.", nameof(host));
    }
}
