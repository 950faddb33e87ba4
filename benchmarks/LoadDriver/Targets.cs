using System.Net.Http.Headers;
using System.Text.Json;
using LlmAbstraction;
using LlmAbstraction.Benchmarks.Raw;

namespace LoadDriver;

/// <summary>One way of making the same non-streaming chat call against the loopback fake.</summary>
internal abstract class Target(string name)
{
    public string Name { get; } = name;
    public abstract Task<string?> CallAsync(CancellationToken ct);

    protected const string Key = "sk-load-0000000000000000";
    protected const string System = "You are a concise assistant. Answer in one short paragraph.";
    protected const string User = "What is the weather usually like in San Francisco?";

    /// <summary>A pooled HttpClient per target, no connection cap, no client timeout.</summary>
    public static HttpClient Http() => new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    { Timeout = Timeout.InfiniteTimeSpan };
}

/// <summary>HttpClient + source-generated JSON straight at <paramref name="url"/> (the fake, or the gateway with its headers).</summary>
internal sealed class RawTarget(string name, string url, IReadOnlyDictionary<string, string>? headers = null) : Target(name)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http = Http();

    public override async Task<string?> CallAsync(CancellationToken ct)
    {
        var request = new RawChatRequest
        {
            Model = "gpt-4o-mini",
            Messages = [new RawMessage { Role = "system", Content = System }, new RawMessage { Role = "user", Content = User }],
            MaxTokens = 256,
            Temperature = 0.2,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, RawJsonContext.Default.RawChatRequest)) { Headers = { ContentType = Json } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        if (headers is not null) foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var parsed = await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawChatResponse, ct).ConfigureAwait(false);
        return parsed?.Choices?[0].Message?.Content;
    }
}

/// <summary>Our client in process, full default pipeline, pointed at the fake.</summary>
internal sealed class OursTarget(string apiBase) : Target("ours (in process)")
{
    private readonly ILlmClient _client = new LlmClientBuilder().UseHttpClient(Http())
        .Configure(o => o.Providers["openai"] = new ProviderSettings { ApiKey = Key, ApiBase = apiBase }).Build();

    public override async Task<string?> CallAsync(CancellationToken ct)
    {
        var response = await _client.CompletionAsync(new ChatCompletionRequest
        {
            Model = "openai/gpt-4o-mini",
            Messages = [ChatMessage.System(System), ChatMessage.User(User)],
            MaxTokens = 256,
            Temperature = 0.2,
        }, ct).ConfigureAwait(false);
        return response.Choices[0].Message.Content?.Text;
    }
}
