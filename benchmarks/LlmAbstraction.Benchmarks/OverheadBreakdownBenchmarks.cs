using BenchmarkDotNet.Attributes;
using LlmAbstraction.Benchmarks.Raw;
using LlmAbstraction.Benchmarks.Stub;
using LlmAbstraction.Pricing;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.OpenAI;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// Where ours spends its extra time and bytes on a small OpenAI call, arm by arm over the same stub:
/// the raw floor; our OpenAI adapter called directly (our exchange types and wire JSON, no pipeline); the full
/// pipeline with the total timeout off (Timeout.InfiniteTimeSpan: no CancellationTokenSource, no timer, and HttpClient
/// then needs no linked source); the full default pipeline (10-minute total timeout).
/// </summary>
[MemoryDiagnoser]
public class OverheadBreakdownBenchmarks
{
    private RawClients _raw = null!;
    private OpenAIProvider _adapter = null!;
    private ProviderEndpoint _endpoint = null!;
    private ILlmClient _noTimeout = null!, _ours = null!;

    [GlobalSetup]
    public void Setup()
    {
        var http = StubHttpHandler.Client(OpenAIPayloads.Small(), "application/json", "x-request-id");
        _raw = new RawClients(http, Arms.BaseUrl);
        _adapter = new OpenAIProvider(new ProviderServices
        {
            Transport = new LlmHttpTransport(() => http, TimeProvider.System),
            TimeProvider = TimeProvider.System,
            ModelInfo = ModelCatalog.Default,
            Options = new LlmClientOptions(),
            Descriptor = OpenAIProvider.Descriptor,
        }, OpenAIProfile.Default);
        _endpoint = new ProviderEndpoint { ApiBase = Arms.BaseUrl + "/v1", ApiKey = Arms.ApiKey };
        _ours = Arms.OursClient(http);
        var builder = new LlmClientBuilder().UseHttpClient(http).Configure(o =>
        {
            o.Providers["openai"] = new ProviderSettings { ApiKey = Arms.ApiKey, ApiBase = Arms.BaseUrl + "/v1" };
            o.Timeout = Timeout.InfiniteTimeSpan;
        });
        _noTimeout = builder.Build();
    }

    [Benchmark(Baseline = true)]
    public Task<RawChatResponse> Raw() => _raw.OpenAIAsync(Arms.RawOpenAI());

    [Benchmark]
    public Task<ChatCompletionResponse> AdapterOnly()
        => _adapter.CompleteAsync(new ProviderRequest { Request = Arms.Ours("openai/gpt-4o-mini"), Model = "gpt-4o-mini", Endpoint = _endpoint }, default);

    [Benchmark]
    public Task<ChatCompletionResponse> PipelineNoTimeout() => _noTimeout.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"));

    [Benchmark]
    public Task<ChatCompletionResponse> PipelineDefault() => _ours.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"));
}
