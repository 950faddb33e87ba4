using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Text.Json;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// `profile ARM [calls]`: runs one arm in a loop and prints time and bytes per call plus the sampled allocation
/// breakdown by type (the runtime's AllocationTick events, one sample per ~100 KB). Wrap it in
/// `dotnet-trace collect --profile cpu-sampling -- ...` for a CPU profile of the same loop.
/// Arms: raw-openai, ours-openai, ours-openai-notelemetry, raw-anthropic, ours-anthropic, raw-anthropic-8k, ours-anthropic-8k,
/// raw-openai-stream, ours-openai-stream, json-raw, json-ours (8 KB body deserialized alone).
/// </summary>
internal static class Profile
{
    private static readonly byte[] Large = Stub.OpenAIPayloads.Large();

    public static async Task<int> RunAsync(string arm, int calls)
    {
        var openai = new OpenAICompletionBenchmarks { Response = "small" };
        openai.Setup();
        var anthropic = new AnthropicCompletionBenchmarks { Response = "small" };
        anthropic.Setup();
        var anthropic8k = new AnthropicCompletionBenchmarks { Response = "8KB" };
        anthropic8k.Setup();
        var stream = new StreamingBenchmarks();
        stream.Setup();
        var telemetry = new TelemetryOverheadBenchmarks();
        telemetry.Setup();
        Func<Task> call = arm switch
        {
            "raw-openai" => () => openai.Raw(),
            "ours-openai" => () => openai.Ours(),
            "ours-openai-notelemetry" => () => telemetry.TelemetryCompiledOut(),
            "raw-anthropic" => () => anthropic.Raw(),
            "ours-anthropic" => () => anthropic.Ours(),
            "raw-anthropic-8k" => () => anthropic8k.Raw(),
            "ours-anthropic-8k" => () => anthropic8k.Ours(),
            "raw-openai-stream" => () => stream.OpenAI_Raw(),
            "ours-openai-stream" => () => stream.OpenAI_Ours(),
            "json-raw" => () => JsonSerializer.DeserializeAsync(new MemoryStream(Large), Raw.RawJsonContext.Default.RawChatResponse).AsTask(),
            "json-ours" => () => JsonSerializer.DeserializeAsync(new MemoryStream(Large), LlmJsonContext.Default.ChatCompletionResponse).AsTask(),
            _ => throw new ArgumentException($"Unknown arm '{arm}'."),
        };
        for (var i = 0; i < 2_000; i++) await call();

        using var listener = new AllocationListener();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var time = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await call();
        time.Stop();
        bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        Console.WriteLine($"{arm}: {time.Elapsed.TotalMicroseconds / calls:F2} us/call, {bytes / (double)calls:F0} B/call over {calls} calls");
        foreach (var (type, amount) in listener.Top(60))
            Console.WriteLine($"  {amount / (double)calls,8:F0} B/call  {type}");
        return 0;
    }

    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> _bytes = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1 /* GC */);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
            var type = (string?)e.Payload[e.PayloadNames!.IndexOf("TypeName")] ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
            lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }

        public IEnumerable<(string Type, long Bytes)> Top(int n)
        {
            lock (_bytes) return _bytes.OrderByDescending(p => p.Value).Take(n).Select(p => (p.Key, p.Value)).ToList();
        }
    }
}
