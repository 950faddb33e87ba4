namespace LlmAbstraction.Providers.VertexAI;

/// <summary>Where a Vertex AI call goes: project, location, API version and base URL (regional, <c>global</c> or multi-region).</summary>
internal sealed record VertexAILocation(string Project, string Location, string ApiBase, string ApiVersion)
{
    public const string DefaultLocation = "us-central1";
    public const string DefaultApiVersion = "v1";
    public const string LocationPlaceholder = "{location}";

    /// <summary>The host for a location: <c>aiplatform.googleapis.com</c> for global, the <c>rep</c> hosts for us/eu, else regional.</summary>
    public static string BaseFor(string location) => location switch
    {
        "global" => "https://aiplatform.googleapis.com",
        "us" or "eu" => $"https://aiplatform.{location}.rep.googleapis.com",
        _ => $"https://{location}-aiplatform.googleapis.com",
    };

    /// <summary>The model URL without the method: <c>{base}/{version}/projects/{p}/locations/{l}/publishers/{publisher}/models/{model}</c>.</summary>
    public string ModelUrl(string publisher, string model)
        => $"{ApiBase}/{ApiVersion}/projects/{Uri.EscapeDataString(Project)}/locations/{Uri.EscapeDataString(Location)}/publishers/{publisher}/models/{EscapeModel(model)}";

    private static string EscapeModel(string model) => Uri.EscapeDataString(model).Replace("%40", "@", StringComparison.Ordinal);
}
