using System.Text;
using System.Text.Json;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Builds SSE bodies from data-only recordings (one JSON payload per line), with Anthropic's documented framing.</summary>
public static class Sse
{
    public static string FromAnthropicJsonl(string jsonl)
    {
        var sb = new StringBuilder();
        foreach (var line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var doc = JsonDocument.Parse(line);
            sb.Append("event: ").Append(doc.RootElement.GetProperty("type").GetString()).Append('\n');
            sb.Append("data: ").Append(line).Append("\n\n");
        }
        return sb.ToString();
    }
}
