using BenchmarkDotNet.Attributes;
using LlmAbstraction.Benchmarks.Raw;
using LlmAbstraction.Benchmarks.Stub;
using OpenAI.Chat;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// One non-streaming chat completion, OpenAI wire format, three arms over the same stub bytes:
/// raw HttpClient + source-generated STJ (baseline), the official OpenAI SDK, and ours through the full default pipeline.
/// Targets: ours ≤ 1.4× the raw time and ≤ raw + 1 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class OpenAICompletionBenchmarks
{
    private RawClients _raw = null!;
    private ChatClient _sdk = null!;
    private ILlmClient _ours = null!;

    [Params("small", "8KB")]
    public string Response { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var http = StubHttpHandler.Client(Response == "small" ? OpenAIPayloads.Small() : OpenAIPayloads.Large(), "application/json", "x-request-id");
        _raw = new RawClients(http, Arms.BaseUrl);
        _sdk = Arms.OpenAISdk(http);
        _ours = Arms.OursClient(http);
    }

    [Benchmark(Baseline = true)]
    public async Task<string?> Raw() => (await _raw.OpenAIAsync(Arms.RawOpenAI()).ConfigureAwait(false)).Choices![0].Message!.Content;

    [Benchmark]
    public async Task<string?> OpenAISdk() => (await _sdk.CompleteChatAsync(Arms.SdkMessages(), Arms.SdkOptions()).ConfigureAwait(false)).Value.Content[0].Text;

    [Benchmark]
    public async Task<string?> Ours() => (await _ours.CompletionAsync(Arms.Ours("openai/gpt-4o-mini")).ConfigureAwait(false)).Choices[0].Message.Content?.Text;
}
