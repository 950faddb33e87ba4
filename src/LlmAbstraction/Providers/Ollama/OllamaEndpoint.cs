using System.Globalization;

namespace LlmAbstraction.Providers.Ollama;

/// <summary>
/// Normalizes an Ollama base URL the way Ollama's own client reads <c>OLLAMA_HOST</c>: a bare <c>host[:port]</c>
/// gets <c>http://</c> and, without a port, <c>11434</c>; a bind-all host (<c>0.0.0.0</c>, <c>[::]</c>) means this machine.
/// </summary>
internal static class OllamaEndpoint
{
    public const int DefaultPort = 11434;

    public static string Normalize(string apiBase)
    {
        var value = apiBase.Trim().TrimEnd('/');
        var hadScheme = value.Contains("://", StringComparison.Ordinal);
        if (!hadScheme) value = "http://" + value;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            throw new BadRequestException($"The Ollama base URL '{apiBase}' is not a valid URL or host[:port].", new LlmErrorDetails { Provider = "ollama", ErrorCode = "invalid_api_base" });
        var builder = new UriBuilder(uri);
        if (!hadScheme && !HasExplicitPort(value)) builder.Port = DefaultPort;
        if (builder.Host is "0.0.0.0") builder.Host = "127.0.0.1";
        else if (builder.Host is "[::]" or "::") builder.Host = "[::1]";
        return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static bool HasExplicitPort(string url)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0) authority = authority[..slash];
        var bracket = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        return colon > bracket && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
