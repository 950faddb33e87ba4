using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LlmAbstraction.Benchmarks.Raw;
using LlmAbstraction.Benchmarks.Stub;
using OpenAI.Chat;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// A 200-event SSE answer read to the end; figures are per event (OperationsPerInvoke = 200), so "Mean" is time per
/// chunk and "Allocated" bytes per chunk, the call's setup amortised over the stream. Target: ours ≤ 1.25× raw per chunk.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingBenchmarks
{
    private const int Chunks = 200;
    private RawClients _rawOpenAI = null!, _rawAnthropic = null!;
    private ChatClient _openAISdk = null!;
    private global::Anthropic.AnthropicClient _anthropicSdk = null!;
    private ILlmClient _oursOpenAI = null!, _oursAnthropic = null!;

    [GlobalSetup]
    public void Setup()
    {
        var openai = StubHttpHandler.Client(OpenAIPayloads.Stream(Chunks), "text/event-stream", "x-request-id");
        var anthropic = StubHttpHandler.Client(AnthropicPayloads.Stream(Chunks), "text/event-stream", "request-id");
        _rawOpenAI = new RawClients(openai, Arms.BaseUrl);
        _rawAnthropic = new RawClients(anthropic, Arms.BaseUrl);
        _openAISdk = Arms.OpenAISdk(openai);
        _anthropicSdk = Arms.AnthropicSdk(anthropic);
        _oursOpenAI = Arms.OursClient(openai);
        _oursAnthropic = Arms.OursClient(anthropic);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks), BenchmarkCategory("OpenAI")]
    public Task<int> OpenAI_Raw() => _rawOpenAI.OpenAIStreamAsync(Arms.RawOpenAI(stream: true));

    [Benchmark(OperationsPerInvoke = Chunks), BenchmarkCategory("OpenAI")]
    public async Task<int> OpenAI_Sdk()
    {
        var n = 0;
        await foreach (var update in _openAISdk.CompleteChatStreamingAsync(Arms.SdkMessages(), Arms.SdkOptions()).ConfigureAwait(false))
            n += update.ContentUpdate.Count >= 0 ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Chunks), BenchmarkCategory("OpenAI")]
    public async Task<int> OpenAI_Ours()
    {
        var n = 0;
        await foreach (var chunk in _oursOpenAI.StreamCompletionAsync(Arms.Ours("openai/gpt-4o-mini")).ConfigureAwait(false))
            n += chunk.Choices.Count >= 0 ? 1 : 0;
        return n;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks), BenchmarkCategory("Anthropic")]
    public Task<int> Anthropic_Raw() => _rawAnthropic.AnthropicStreamAsync(Arms.RawAnthropic(stream: true));

    [Benchmark(OperationsPerInvoke = Chunks), BenchmarkCategory("Anthropic")]
    public async Task<int> Anthropic_Sdk()
    {
        var n = 0;
        await foreach (var e in _anthropicSdk.Messages.CreateStreaming(Arms.AnthropicSdkParams()).ConfigureAwait(false))
            n += e is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Chunks), BenchmarkCategory("Anthropic")]
    public async Task<int> Anthropic_Ours()
    {
        var n = 0;
        await foreach (var chunk in _oursAnthropic.StreamCompletionAsync(Arms.Ours("anthropic/claude-sonnet-4-5")).ConfigureAwait(false))
            n += chunk.Choices.Count >= 0 ? 1 : 0;
        return n;
    }
}
