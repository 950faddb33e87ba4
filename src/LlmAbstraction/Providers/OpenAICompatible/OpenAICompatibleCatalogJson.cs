using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.OpenAICompatible;

/// <summary>The catalogue file: <c>{"hosts":[…]}</c>.</summary>
internal sealed class OpenAICompatibleCatalogFile
{
    public List<HostEntry> Hosts { get; set; } = [];
}

/// <summary>
/// One entry as written in the file. A mutable mirror of <see cref="OpenAICompatibleHost"/>: the source
/// generator would reset the record's init-only defaults for absent fields, so absent fields stay null here.
/// </summary>
internal sealed class HostEntry
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? ApiBase { get; set; }
    public List<string>? ApiKeyEnv { get; set; }
    public List<string>? ApiBaseEnv { get; set; }
    public bool? RequiresApiKey { get; set; }
    public string? AuthHeader { get; set; }
    [JsonConverter(typeof(JsonStringEnumConverter<ProviderCapabilities>))]
    public ProviderCapabilities? Capabilities { get; set; }
    public List<string>? UnsupportedParams { get; set; }
    public bool? SupportsStreamUsage { get; set; }
    public bool? RequiresDoneMarker { get; set; }
    public string? ChatPath { get; set; }
    public string? EmbeddingsPath { get; set; }
    public List<string>? BareModelPrefixes { get; set; }
    public string? Notes { get; set; }

    public OpenAICompatibleHost ToHost()
    {
        var d = new OpenAICompatibleHost { Name = Name ?? "" };
        return d with
        {
            DisplayName = DisplayName,
            ApiBase = ApiBase ?? d.ApiBase,
            ApiKeyEnvironmentVariables = ApiKeyEnv ?? d.ApiKeyEnvironmentVariables,
            ApiBaseEnvironmentVariables = ApiBaseEnv ?? d.ApiBaseEnvironmentVariables,
            RequiresApiKey = RequiresApiKey ?? d.RequiresApiKey,
            AuthHeader = AuthHeader ?? d.AuthHeader,
            Capabilities = Capabilities ?? d.Capabilities,
            UnsupportedParams = UnsupportedParams ?? d.UnsupportedParams,
            SupportsStreamUsage = SupportsStreamUsage ?? d.SupportsStreamUsage,
            RequiresDoneMarker = RequiresDoneMarker ?? d.RequiresDoneMarker,
            ChatPath = ChatPath ?? d.ChatPath,
            EmbeddingsPath = EmbeddingsPath ?? d.EmbeddingsPath,
            BareModelPrefixes = BareModelPrefixes ?? d.BareModelPrefixes,
            Notes = Notes,
        };
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(OpenAICompatibleCatalogFile))]
internal sealed partial class OpenAICompatibleJsonContext : JsonSerializerContext;
