using System.ClientModel;
using System.ClientModel.Primitives;
using LlmAbstraction.Benchmarks.Raw;
using OpenAI;
using OpenAI.Chat;

namespace LlmAbstraction.Benchmarks;

/// <summary>The same request for every arm: a system prompt, one user turn, max 256 tokens, temperature 0.2 (OpenAI).</summary>
public static class Arms
{
    public const string ApiKey = "sk-bench-0000000000000000";
    public const string BaseUrl = "http://stub.invalid";
    public const string System = "You are a concise assistant. Answer in one short paragraph.";
    public const string User = "What is the weather usually like in San Francisco?";

    // Raw floor
    public static RawChatRequest RawOpenAI(bool stream = false) => new()
    {
        Model = "gpt-4o-mini",
        Messages = [new RawMessage { Role = "system", Content = System }, new RawMessage { Role = "user", Content = User }],
        MaxTokens = 256,
        Temperature = 0.2,
        Stream = stream ? true : null,
        StreamOptions = stream ? new RawStreamOptions { IncludeUsage = true } : null,
    };

    public static RawMessagesRequest RawAnthropic(bool stream = false) => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        System = System,
        Messages = [new RawMessage { Role = "user", Content = User }],
        Stream = stream ? true : null,
    };

    // Ours (the Anthropic SDK 13.x has no temperature parameter, so no Anthropic arm sends one)
    public static ChatCompletionRequest Ours(string model) => new()
    {
        Model = model,
        Messages = [ChatMessage.System(System), ChatMessage.User(User)],
        MaxTokens = 256,
        Temperature = model.StartsWith("anthropic/", StringComparison.Ordinal) ? null : 0.2,
    };

    /// <summary>Our client through the full default pipeline (telemetry, cost, fallback, retry, dispatch), keys and base URLs from options.</summary>
    public static ILlmClient OursClient(HttpClient http, bool omitTelemetry = false)
    {
        var builder = new LlmClientBuilder().UseHttpClient(http).Configure(o =>
        {
            o.Providers["openai"] = new ProviderSettings { ApiKey = ApiKey, ApiBase = BaseUrl + "/v1" };
            o.Providers["anthropic"] = new ProviderSettings { ApiKey = ApiKey, ApiBase = BaseUrl };
        });
        builder.OmitTelemetryStage = omitTelemetry;
        return builder.Build();
    }

    // Official OpenAI SDK
    public static ChatClient OpenAISdk(HttpClient http) => new("gpt-4o-mini", new ApiKeyCredential(ApiKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(BaseUrl + "/v1"),
        Transport = new HttpClientPipelineTransport(http),
    });

    public static List<OpenAI.Chat.ChatMessage> SdkMessages() => [new SystemChatMessage(System), new UserChatMessage(User)];

    public static ChatCompletionOptions SdkOptions() => new() { MaxOutputTokenCount = 256, Temperature = 0.2f };

    // Official Anthropic SDK
    public static global::Anthropic.AnthropicClient AnthropicSdk(HttpClient http) => new() { ApiKey = ApiKey, BaseUrl = BaseUrl, HttpClient = http };

    public static global::Anthropic.Models.Messages.MessageCreateParams AnthropicSdkParams() => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        System = System,
        Messages = [new global::Anthropic.Models.Messages.UserMessageParam { Content = User }],
    };
}
