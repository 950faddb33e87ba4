namespace LlmAbstraction.Benchmarks;

/// <summary>Runs each benchmark arm once and prints what it returned, so a broken arm is caught before a long run.</summary>
internal static class Verify
{
    public static async Task<int> RunAsync()
    {
        var openai = new OpenAICompletionBenchmarks { Response = "8KB" };
        openai.Setup();
        Print("openai raw", (await openai.Raw())?.Length);
        Print("openai sdk", (await openai.OpenAISdk())?.Length);
        Print("openai ours", (await openai.Ours())?.Length);
        var anthropic = new AnthropicCompletionBenchmarks { Response = "small" };
        anthropic.Setup();
        Print("anthropic raw", (await anthropic.Raw())?.Length);
        Print("anthropic sdk", (await anthropic.AnthropicSdk())?.ToString()?.Length);
        Print("anthropic ours", (await anthropic.Ours())?.Length);
        var stream = new StreamingBenchmarks();
        stream.Setup();
        Print("openai stream raw", await stream.OpenAI_Raw());
        Print("openai stream sdk", await stream.OpenAI_Sdk());
        Print("openai stream ours", await stream.OpenAI_Ours());
        Print("anthropic stream raw", await stream.Anthropic_Raw());
        Print("anthropic stream sdk", await stream.Anthropic_Sdk());
        Print("anthropic stream ours", await stream.Anthropic_Ours());
        var telemetry = new TelemetryOverheadBenchmarks();
        telemetry.SetupTracing();
        Print("telemetry out / none / on", (await telemetry.TelemetryCompiledOut()).Details.Cost is { } c ? (int)(c * 1e6m) : -1);
        await telemetry.NoListener();
        await telemetry.TracingOn();
        telemetry.Cleanup();
        return 0;
    }

    private static void Print(string arm, int? value) => Console.WriteLine($"{arm,-28} {value?.ToString() ?? "NULL"}");
}
