using System.Text.Json;

namespace LlmAbstraction.Providers.VertexAI;

/// <summary>The fields of a service-account key file the JWT flow needs. <see cref="ToString"/> never shows the key.</summary>
internal sealed class GoogleServiceAccount
{
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    public required string ClientEmail { get; init; }
    public required string PrivateKey { get; init; }
    public string? PrivateKeyId { get; init; }
    public string TokenUri { get; init; } = DefaultTokenUri;
    public string? ProjectId { get; init; }

    /// <summary>Reads a key from its JSON text or from the file at <paramref name="source"/>.</summary>
    public static async Task<GoogleServiceAccount> LoadAsync(string source, CancellationToken cancellationToken)
    {
        var json = source.TrimStart().StartsWith('{') ? source : await ReadFileAsync(source, cancellationToken).ConfigureAwait(false);
        return Parse(json);
    }

    public static GoogleServiceAccount Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var type = Text(root, "type");
            if (type is not null and not "service_account")
                throw Invalid($"credentials of type '{type}' are not supported; use a service-account key or an IAccessTokenProvider");
            return new GoogleServiceAccount
            {
                ClientEmail = Text(root, "client_email") ?? throw Invalid("'client_email' is missing"),
                PrivateKey = Text(root, "private_key") ?? throw Invalid("'private_key' is missing"),
                PrivateKeyId = Text(root, "private_key_id"),
                TokenUri = Text(root, "token_uri") ?? DefaultTokenUri,
                ProjectId = Text(root, "project_id"),
            };
        }
        catch (JsonException ex)
        {
            throw new AuthenticationException("The Vertex AI service-account credentials are not valid JSON.", new LlmErrorDetails { Provider = "vertex_ai", ErrorCode = "invalid_credentials" }, ex);
        }
    }

    public override string ToString() => $"service account {ClientEmail} (key {SecretRedactor.Mask})";

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AuthenticationException($"Cannot read the Vertex AI service-account file '{path}': {ex.Message}", new LlmErrorDetails { Provider = "vertex_ai", ErrorCode = "invalid_credentials" }, ex);
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static AuthenticationException Invalid(string why)
        => new($"The Vertex AI service-account credentials are unusable: {why}.", new LlmErrorDetails { Provider = "vertex_ai", ErrorCode = "invalid_credentials" });
}
