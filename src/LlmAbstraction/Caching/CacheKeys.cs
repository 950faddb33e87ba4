using System.Text.Json;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Caching;

/// <summary>
/// Computes cache keys. Key material: a format version, the kind, the namespace, the tenant scope (user, a digest of the
/// per-request API key, the tenant metadata value), the resolved model, the per-request API base, the mock answer, and the
/// request as the provider would see it minus what never changes the output (model string, stream flags, user).
/// </summary>
internal sealed class CacheKeys(ModelResolver resolver, CacheOptions options)
{
    private const string Version = "llm-cache-v1";

    /// <summary>Body fields that reach <c>AdditionalProperties</c> from parsed JSON but do not change the output.</summary>
    private static readonly HashSet<string> NotOutputAffecting = new(StringComparer.Ordinal)
    {
        "metadata", "cache", "caching", "timeout", "request_timeout", "num_retries", "max_retries", "fallbacks", "api_key", "api_base",
        "mock_response", "litellm_metadata", "tags", "stream", "stream_options", "user",
    };

    /// <summary>The exact key of a chat request.</summary>
    public string Chat(ChatCompletionRequest request, string? ns) => Format('c', ns, ChatHash(request, ns, withMessages: true));

    /// <summary>The semantic scope of a chat request: everything of its key except the messages.</summary>
    public string SemanticScope(ChatCompletionRequest request, string? ns) => Format('s', ns, ChatHash(request, ns, withMessages: false));

    /// <summary>The key of one embeddings input.</summary>
    public string Embedding(EmbeddingRequest request, string input, string? ns)
    {
        var w = KeyWriter.Rent();
        var json = w.Json;
        Header(w, 'e', ns, request.User, request.ApiKey, request.Metadata);
        WriteModel(json, request.Model);
        json.WriteStringValue(request.ApiBase);
        if (request.Dimensions is { } d) json.WriteNumberValue(d); else json.WriteNullValue();
        json.WriteStringValue(request.EncodingFormat);
        WriteExtras(json, request.AdditionalProperties);
        json.WriteStringValue(input);
        return Format('e', ns, w.HashAndReturn());
    }

    private UInt128 ChatHash(ChatCompletionRequest request, string? ns, bool withMessages)
    {
        var w = KeyWriter.Rent();
        var json = w.Json;
        Header(w, withMessages ? 'c' : 's', ns, request.User, request.ApiKey, request.Metadata);
        WriteModel(json, request.Model);
        json.WriteStringValue(request.ApiBase);
        WriteMock(json, request.MockResponse);
        var body = request.Clone();
        body.Model = "";
        body.Stream = null;
        body.StreamOptions = null;
        body.User = null;
        if (!withMessages) body.Messages = [];
        if (body.AdditionalProperties is { Count: > 0 } extras && extras.Keys.Any(NotOutputAffecting.Contains))
            body.AdditionalProperties = extras.Where(kv => !NotOutputAffecting.Contains(kv.Key)).ToDictionary();
        JsonSerializer.Serialize(json, body, LlmJsonContext.Default.ChatCompletionRequest);
        return w.HashAndReturn();
    }

    private void Header(KeyWriter w, char kind, string? ns, string? user, string? apiKey, IDictionary<string, string>? metadata)
    {
        var json = w.Json;
        json.WriteStringValue(Version);
        json.WriteNumberValue(kind);
        json.WriteStringValue(ns);
        if (options.TenantScope == CacheTenantScope.Shared) { json.WriteNullValue(); json.WriteNullValue(); json.WriteNullValue(); return; }
        json.WriteStringValue(user);
        w.WriteSecretDigest(apiKey);
        string? tenant = null;
        if (options.TenantMetadataKey is { } k) metadata?.TryGetValue(k, out tenant);
        json.WriteStringValue(tenant);
    }

    private void WriteModel(Utf8JsonWriter json, string model)
    {
        if (resolver.TryResolve(model) is { } resolved)
        {
            json.WriteStringValue(resolved.Descriptor.Name);
            json.WriteStringValue(resolved.ProviderModel);
        }
        else
        {
            json.WriteNullValue(); // a router group or an unknown name: the name itself
            json.WriteStringValue(model);
        }
    }

    private static void WriteMock(Utf8JsonWriter json, MockResponse? mock)
    {
        if (mock is null) { json.WriteNullValue(); return; }
        json.WriteStartArray();
        json.WriteStringValue(mock.Text);
        if (mock.ToolCalls is { } calls)
            foreach (var c in calls) { json.WriteStringValue(c.Function.Name); json.WriteStringValue(c.Function.Arguments); }
        json.WriteEndArray();
    }

    private static void WriteExtras(Utf8JsonWriter json, IDictionary<string, JsonElement>? extras)
    {
        json.WriteStartObject();
        if (extras is not null)
            foreach (var (k, v) in extras)
                if (!NotOutputAffecting.Contains(k)) { json.WritePropertyName(k); v.WriteTo(json); }
        json.WriteEndObject();
    }

    private static string Format(char kind, string? ns, UInt128 hash) => KeyWriter.Format(kind, ns, hash);
}
