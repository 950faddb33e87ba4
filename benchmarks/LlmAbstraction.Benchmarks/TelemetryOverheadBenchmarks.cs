using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LlmAbstraction.Telemetry;
using LlmAbstraction.Benchmarks.Stub;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// The telemetry stage's cost on a small OpenAI call: the pipeline built without it ("compiled out", baseline), with it
/// and no listener (the default: should be within noise of the baseline), and with tracing on (an ActivityListener
/// sampling every span as AllDataAndRecorded, so all tags are set; spans go nowhere).
/// </summary>
[MemoryDiagnoser]
public class TelemetryOverheadBenchmarks
{
    private ILlmClient _withoutStage = null!, _withStage = null!;
    private ActivityListener? _listener;

    [GlobalSetup]
    public void Setup()
    {
        var http = StubHttpHandler.Client(OpenAIPayloads.Small(), "application/json", "x-request-id");
        _withoutStage = Arms.OursClient(http, omitTelemetry: true);
        _withStage = Arms.OursClient(http);
    }

    [GlobalSetup(Target = nameof(TracingOn))]
    public void SetupTracing()
    {
        Setup();
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LlmTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ChatCompletionResponse> TelemetryCompiledOut() => _withoutStage.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"));

    [Benchmark]
    public Task<ChatCompletionResponse> NoListener() => _withStage.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"));

    [Benchmark]
    public Task<ChatCompletionResponse> TracingOn() => _withStage.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"));
}
