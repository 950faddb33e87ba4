namespace LlmAbstraction.Providers.VertexAI;

/// <summary>
/// Options of the Vertex AI adapter that are not plain strings (a token provider) or that apply to every call.
/// Per-endpoint settings (<c>vertex_project</c>, <c>vertex_location</c>, <c>vertex_credentials</c> in
/// <see cref="ProviderSettings.Settings"/>) win over these, which win over the environment
/// (<c>VERTEXAI_PROJECT</c>, <c>VERTEXAI_LOCATION</c>, <c>GOOGLE_APPLICATION_CREDENTIALS</c>).
/// </summary>
public sealed class VertexAIOptions
{
    /// <summary>
    /// Supplies OAuth access tokens (e.g. from Google's own libraries or a workload-identity sidecar). When set,
    /// service-account credentials are not used. Default: none.
    /// </summary>
    public IAccessTokenProvider? AccessTokenProvider { get; set; }

    /// <summary>The Google Cloud project. Default: the setting, <c>VERTEXAI_PROJECT</c>, then the credentials' <c>project_id</c>.</summary>
    public string? Project { get; set; }

    /// <summary>The region (<c>us-central1</c>, <c>europe-west4</c>, <c>global</c>…). Default: the setting, <c>VERTEXAI_LOCATION</c>, then <c>us-central1</c>.</summary>
    public string? Location { get; set; }

    /// <summary>A service-account key: a file path or the JSON text itself. Default: the setting, then <c>GOOGLE_APPLICATION_CREDENTIALS</c>.</summary>
    public string? Credentials { get; set; }

    /// <summary>Reads environment variables. Default: the process environment.</summary>
    public Func<string, string?>? Environment { get; set; }
}
