using System.Diagnostics;
using LlmAbstraction.Benchmarks.Stub;

namespace LlmAbstraction.Benchmarks;

/// <summary>
/// Cold start: the first completion in a fresh process (JIT, type loading, first HttpClient use, our client's build),
/// over the same stub as the steady-state benchmarks. Prints milliseconds from process start and from Main to the
/// answer; <c>benchmarks/coldstart.sh</c> runs it N times per arm in fresh processes (hyperfine when installed).
/// </summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string arm)
    {
        var main = Stopwatch.StartNew();
        var http = StubHttpHandler.Client(OpenAIPayloads.Small(), "application/json", "x-request-id");
        string? text = arm switch
        {
            "raw" => (await new Raw.RawClients(http, Arms.BaseUrl).OpenAIAsync(Arms.RawOpenAI())).Choices![0].Message!.Content,
            "ours" => (await Arms.OursClient(http).CompletionAsync(Arms.Ours("openai/gpt-4o-mini"))).Choices[0].Message.Content?.Text,
            _ => throw new ArgumentException($"Unknown arm '{arm}': use raw or ours."),
        };
        var fromMain = main.Elapsed.TotalMilliseconds;
        var fromStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine($"{arm} from_process_start_ms={fromStart:F1} from_main_ms={fromMain:F1} chars={text?.Length}");
        return text is null ? 1 : 0;
    }
}
