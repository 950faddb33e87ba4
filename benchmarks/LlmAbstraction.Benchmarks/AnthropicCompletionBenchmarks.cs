using BenchmarkDotNet.Attributes;
using LlmAbstraction.Benchmarks.Raw;
using LlmAbstraction.Benchmarks.Stub;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// One non-streaming Messages call, three arms over the same stub bytes: raw HttpClient + source-generated STJ (baseline),
/// the official Anthropic SDK, and ours (which also maps Anthropic's shape to the OpenAI-shaped response).
/// Target: ours ≤ 1.6× the raw time.
/// </summary>
[MemoryDiagnoser]
public class AnthropicCompletionBenchmarks
{
    private RawClients _raw = null!;
    private global::Anthropic.AnthropicClient _sdk = null!;
    private ILlmClient _ours = null!;

    [Params("small", "8KB")]
    public string Response { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var http = StubHttpHandler.Client(Response == "small" ? AnthropicPayloads.Small() : AnthropicPayloads.Large(), "application/json", "request-id");
        _raw = new RawClients(http, Arms.BaseUrl);
        _sdk = Arms.AnthropicSdk(http);
        _ours = Arms.OursClient(http);
    }

    [Benchmark(Baseline = true)]
    public async Task<string?> Raw() => (await _raw.AnthropicAsync(Arms.RawAnthropic()).ConfigureAwait(false)).Content![0].Text;

    [Benchmark]
    public async Task<object?> AnthropicSdk() => (await _sdk.Messages.Create(Arms.AnthropicSdkParams()).ConfigureAwait(false)).Content[0];

    [Benchmark]
    public async Task<string?> Ours() => (await _ours.CompletionAsync(Arms.Ours("anthropic/claude-sonnet-4-5")).ConfigureAwait(false)).Choices[0].Message.Content?.Text;
}
