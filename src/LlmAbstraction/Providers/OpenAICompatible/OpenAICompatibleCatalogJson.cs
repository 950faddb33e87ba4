using System.Text.Json.Serialization;

namespace LlmAbstraction.Providers.OpenAICompatible;

/// <summary>The catalogue file: <c>{"hosts":[…]}</c>.</summary>
internal sealed class OpenAICompatibleCatalogFile
{
    public List<OpenAICompatibleHost> Hosts { get; set; } = [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OpenAICompatibleCatalogFile))]
internal sealed partial class OpenAICompatibleJsonContext : JsonSerializerContext;
