// LlmAbstraction QuickStart.
// With no API keys it runs offline on the built-in mock provider; with OPENAI_API_KEY and/or
// ANTHROPIC_API_KEY set it calls the real providers with the same code.
using LlmAbstraction;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddLlmClient(options =>
{
    // Aliases let the rest of the app say "smart" / "fast" and pick the provider here.
    options.Aliases["smart"] = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } ? "openai/gpt-4o-mini" : "mock/smart";
    options.Aliases["fast"] = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is { Length: > 0 } ? "anthropic/claude-haiku-4-5" : "mock/fast";
    options.Timeout = TimeSpan.FromSeconds(60);
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ILlmClient>();

// 1. A completion.
var response = await client.CompletionAsync(new ChatCompletionRequest
{
    Model = "smart",
    Messages = [ChatMessage.System("You answer in one sentence."), ChatMessage.User("What is LlmAbstraction?")],
    MaxTokens = 100,
});
Console.WriteLine($"[completion] {response.Details.Provider}/{response.Details.Model}: {response.Content}");
Console.WriteLine($"             tokens: {response.Usage?.PromptTokens} in, {response.Usage?.CompletionTokens} out; {response.Details.Latency.TotalMilliseconds:F1} ms");

// 2. A stream, printed as it arrives and rebuilt at the end.
Console.Write("[stream]     ");
var aggregator = new ChunkAggregator();
await foreach (var chunk in client.StreamCompletionAsync(new ChatCompletionRequest
{
    Model = "fast",
    Messages = [ChatMessage.User("Count from one to five in words.")],
    MaxTokens = 50,
}))
{
    aggregator.Add(chunk);
    Console.Write(chunk.Choices.FirstOrDefault()?.Delta.Content);
}
var streamed = aggregator.Build();
Console.WriteLine();
Console.WriteLine($"             finish: {streamed.Choices[0].FinishReason}, usage: {streamed.Usage?.TotalTokens} tokens");

// 3. Errors are typed, whichever provider raised them. The mock raises what a real 429 would.
try
{
    await client.CompletionAsync(new ChatCompletionRequest
    {
        Model = "smart",
        Messages = [ChatMessage.User("hello")],
        MockResponse = MockResponse.Error(429, "Rate limit reached for requests", "rate_limit_exceeded"),
    });
}
catch (RateLimitException ex)
{
    Console.WriteLine($"[error]      {ex.GetType().Name} (kind {ex.Kind}, retryable: {ex.IsRetryable}): {ex.Message}");
}

// 4. Bad input gets a clear, typed error too.
try
{
    await client.CompletionAsync("nosuchprovider/model", "hello");
}
catch (BadRequestException ex)
{
    Console.WriteLine($"[bad input]  {ex.Message}");
}
