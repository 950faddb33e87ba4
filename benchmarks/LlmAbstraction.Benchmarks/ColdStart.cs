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
    private static string _split = "";

    private static async Task<string?> OursAsync(HttpClient http, Stopwatch main)
    {
        var before = main.Elapsed.TotalMilliseconds;
        var client = Arms.OursClient(http);
        var built = main.Elapsed.TotalMilliseconds;
        var catalogue = Pricing.ModelCatalog.Default.Find("openai", "gpt-4o-mini") is not null; // the cost stage's first lookup loads the price catalogue
        var priced = main.Elapsed.TotalMilliseconds;
        var text = (await client.CompletionAsync(Arms.Ours("openai/gpt-4o-mini"))).Choices[0].Message.Content?.Text;
        _split = $" build_ms={built - before:F1} price_catalogue_ms={priced - built:F1} first_call_ms={main.Elapsed.TotalMilliseconds - priced:F1} (catalogue found: {catalogue})";
        return text;
    }

    public static async Task<int> RunAsync(string arm)
    {
        var main = Stopwatch.StartNew();
        var http = StubHttpHandler.Client(OpenAIPayloads.Small(), "application/json", "x-request-id");
        string? text = arm switch
        {
            "raw" => (await new Raw.RawClients(http, Arms.BaseUrl).OpenAIAsync(Arms.RawOpenAI())).Choices![0].Message!.Content,
            "ours" => await OursAsync(http, main),
            _ => throw new ArgumentException($"Unknown arm '{arm}': use raw or ours."),
        };
        var fromMain = main.Elapsed.TotalMilliseconds;
        var fromStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine($"{arm} from_process_start_ms={fromStart:F1} from_main_ms={fromMain:F1} chars={text?.Length}{_split}");
        return text is null ? 1 : 0;
    }
}
