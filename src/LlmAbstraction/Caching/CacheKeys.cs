using LlmAbstraction.Providers;

namespace LlmAbstraction.Caching;

/// <summary>
/// Computes cache keys from, in order: a format version, the kind, the namespace, the tenant scope (user, a digest of the
/// per-request API key, the tenant metadata value), the resolved model, the per-request API base, the mock answer, and
/// every request field that changes the output. Not included: the model string as written (its resolution is), stream
/// flags, metadata, timeouts, retries, fallbacks, extra headers, drop-params, cache controls and prompt-cache markers.
/// </summary>
/// <remarks>A test lists every public property of the request types, so a new field cannot be forgotten here silently.</remarks>
internal sealed class CacheKeys(ModelResolver resolver, CacheOptions options)
{
    private const string Version = "llm-cache-v1";

    /// <summary>Body fields that reach <c>AdditionalProperties</c> from parsed JSON but do not change the output.</summary>
    private static readonly HashSet<string> NotOutputAffecting = new(StringComparer.Ordinal)
    {
        "metadata", "cache", "caching", "timeout", "request_timeout", "num_retries", "max_retries", "fallbacks", "api_key", "api_base",
        "mock_response", "litellm_metadata", "tags", "stream", "stream_options", "user",
    };

    /// <summary>The exact key of a chat request (streamed or not: both share entries).</summary>
    public string Chat(ChatCompletionRequest request, string? ns) => KeyHasher.Format('c', ns, ChatHash(request, ns, withMessages: true));

    /// <summary>The semantic scope of a chat request: everything of its key except the messages.</summary>
    public string SemanticScope(ChatCompletionRequest request, string? ns) => KeyHasher.Format('s', ns, ChatHash(request, ns, withMessages: false));

    /// <summary>The key of one embeddings input.</summary>
    public string Embedding(EmbeddingRequest request, string input, string? ns)
    {
        var h = KeyHasher.Rent();
        Header(h, 'e', ns, request.User, request.ApiKey, request.Metadata);
        AddModel(h, request.Model);
        h.Add(request.ApiBase);
        h.Add(request.Dimensions);
        h.Add(request.EncodingFormat);
        h.AddExtras(request.AdditionalProperties, NotOutputAffecting);
        h.Add(input);
        return KeyHasher.Format('e', ns, h.HashAndReturn());
    }

    private UInt128 ChatHash(ChatCompletionRequest r, string? ns, bool withMessages)
    {
        var h = KeyHasher.Rent();
        Header(h, withMessages ? 'c' : 's', ns, r.User, r.ApiKey, r.Metadata);
        AddModel(h, r.Model);
        h.Add(r.ApiBase);
        AddMock(h, r.MockResponse);
        if (withMessages)
        {
            h.AddLength(r.Messages.Count);
            foreach (var m in r.Messages) AddMessage(h, m);
        }
        h.Add(r.Temperature);
        h.Add(r.TopP);
        h.Add(r.MaxTokens);
        h.Add(r.MaxCompletionTokens);
        if (r.Stop is null) h.AddLength(-1);
        else { h.AddLength(r.Stop.Count); foreach (var s in r.Stop) h.Add(s); }
        h.Add(r.Seed);
        h.Add(r.N);
        h.Add(r.PresencePenalty);
        h.Add(r.FrequencyPenalty);
        h.Add(r.Logprobs);
        h.Add(r.TopLogprobs);
        h.Add(r.ReasoningEffort);
        h.AddJson(r.Tools, LlmJsonContext.Default.IListToolDefinition);
        h.AddJson(r.ToolChoice, LlmJsonContext.Default.ToolChoice);
        h.Add(r.ParallelToolCalls);
        h.AddJson(r.ResponseFormat, LlmJsonContext.Default.ResponseFormat);
        h.AddExtras(r.AdditionalProperties, NotOutputAffecting);
        return h.HashAndReturn();
    }

    private static void AddMessage(KeyHasher h, ChatMessage m)
    {
        h.Add(m.Role);
        if (m.Content is null) h.AddLength(-1);
        else if (m.Content.Parts is { } parts) { h.AddLength(-2); h.AddJson(parts, LlmJsonContext.Default.IListContentPart); }
        else h.Add(m.Content.Text);
        h.Add(m.Name);
        if (m.ToolCalls is null) h.AddLength(-1);
        else
        {
            h.AddLength(m.ToolCalls.Count);
            foreach (var c in m.ToolCalls)
            {
                h.Add(c.Id);
                h.Add(c.Type);
                h.Add(c.Function.Name);
                h.Add(c.Function.Arguments);
                h.AddExtras(c.ProviderSpecificFields);
            }
        }
        h.Add(m.ToolCallId);
        h.Add(m.Refusal);
        h.Add(m.ReasoningContent);
        h.AddJson(m.ThinkingBlocks, LlmJsonContext.Default.IListThinkingBlock);
        h.AddExtras(m.AdditionalProperties);
    }

    private void Header(KeyHasher h, char kind, string? ns, string? user, string? apiKey, IDictionary<string, string>? metadata)
    {
        h.Add(Version);
        h.AddLength(kind);
        h.Add(ns);
        if (options.TenantScope == CacheTenantScope.Shared) { h.AddLength(-3); return; }
        h.Add(user);
        h.AddSecretDigest(apiKey);
        string? tenant = null;
        if (options.TenantMetadataKey is { } k) metadata?.TryGetValue(k, out tenant);
        h.Add(tenant);
    }

    private void AddModel(KeyHasher h, string model)
    {
        if (resolver.TryResolve(model) is { } resolved)
        {
            h.Add(resolved.Descriptor.Name);
            h.Add(resolved.ProviderModel);
        }
        else
        {
            h.Add((string?)null); // a router group or an unknown name: the name itself
            h.Add(model);
        }
    }

    private static void AddMock(KeyHasher h, MockResponse? mock)
    {
        if (mock is null) { h.AddLength(-1); return; }
        h.Add(mock.Text);
        h.AddLength(mock.ToolCalls?.Count ?? 0);
        if (mock.ToolCalls is { } calls)
            foreach (var c in calls) { h.Add(c.Function.Name); h.Add(c.Function.Arguments); }
    }
}
