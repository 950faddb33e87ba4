using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmAbstraction.Tests.Providers.Gemini;

/// <summary>
/// Reads a recorded Gemini exchange (request body in Gemini's format, response JSON or SSE) and derives, independently
/// of the adapter, the OpenAI-shaped request that must produce that body and the normalized result the response must give.
/// </summary>
internal static class GeminiRecordedExchange
{
    /// <summary>The OpenAI-shaped messages and tools equivalent to a recorded <c>GenerateContentRequest</c>.</summary>
    public static ChatCompletionRequest ToOpenAIRequest(string geminiRequestJson, string model)
    {
        var root = JsonNode.Parse(geminiRequestJson)!.AsObject();
        var request = new ChatCompletionRequest { Model = model };
        foreach (var part in root["systemInstruction"]?["parts"]?.AsArray() ?? [])
            request.Messages.Add(ChatMessage.System(part!["text"]!.GetValue<string>()));
        foreach (var content in root["contents"]!.AsArray())
        {
            var role = content!["role"]!.GetValue<string>();
            var parts = content["parts"]!.AsArray();
            if (role == "model")
            {
                var text = string.Concat(parts.Where(p => p!["text"] is not null).Select(p => p!["text"]!.GetValue<string>()));
                var message = new ChatMessage(ChatRoles.Assistant, text.Length == 0 ? null : text);
                foreach (var p in parts.Where(p => p!["functionCall"] is not null))
                {
                    var fc = p!["functionCall"]!;
                    (message.ToolCalls ??= []).Add(new ToolCall { Id = fc["id"]!.GetValue<string>(), Function = new FunctionCall { Name = fc["name"]!.GetValue<string>(), Arguments = fc["args"]!.ToJsonString() } });
                }
                request.Messages.Add(message);
                continue;
            }
            foreach (var p in parts)
            {
                if (p!["functionResponse"] is { } fr) request.Messages.Add(ChatMessage.Tool(fr["id"]!.GetValue<string>(), fr["response"]!.ToJsonString()));
                else request.Messages.Add(ChatMessage.User(p["text"]!.GetValue<string>()));
            }
        }
        foreach (var tool in root["tools"]?.AsArray() ?? [])
        {
            foreach (var (key, value) in tool!.AsObject())
            {
                if (key != "functionDeclarations") { (request.Tools ??= []).Add(new ToolDefinition { Type = key }); continue; }
                foreach (var fd in value!.AsArray())
                {
                    var parameters = JsonDocument.Parse(Lower(fd!["parameters"]!).ToJsonString()).RootElement;
                    (request.Tools ??= []).Add(ToolDefinition.ForFunction(fd["name"]!.GetValue<string>(), fd["description"]?.GetValue<string>(), parameters));
                }
            }
        }
        if (root["generationConfig"] is JsonObject config)
        {
            request.Temperature = config["temperature"]?.GetValue<double>();
            request.TopP = config["topP"]?.GetValue<double>();
            request.N = config["candidateCount"]?.GetValue<int>();
            if (config["topK"] is { } topK) (request.AdditionalProperties ??= new Dictionary<string, JsonElement>())["top_k"] = JsonDocument.Parse(topK.ToJsonString()).RootElement;
        }
        return request;
    }

    /// <summary>A JSON schema with OpenAPI's upper-case type names turned into JSON Schema's.</summary>
    private static JsonNode Lower(JsonNode node)
    {
        var copy = node.DeepClone();
        Walk(copy);
        return copy;

        static void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if (o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String) o["type"] = t.GetValue<string>().ToLowerInvariant();
                foreach (var (_, v) in o.ToList()) Walk(v);
            }
            else if (n is JsonArray a) foreach (var v in a) Walk(v);
        }
    }

    /// <summary>The GenerateContentResponse events of a recorded body: one JSON object, SSE <c>data:</c> lines, or one object per line.</summary>
    public static List<JsonElement> Events(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') && !trimmed.Contains("\n{", StringComparison.Ordinal)) return [JsonDocument.Parse(body).RootElement];
        if (trimmed.StartsWith('[')) return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        return body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l.StartsWith("data:", StringComparison.Ordinal) ? l[5..] : l).RootElement).ToList();
    }

    /// <summary>Data-only chunk lines as the SSE body Gemini sends (CRLF framing).</summary>
    public static string ToSse(string chunkLines)
    {
        var sb = new StringBuilder();
        foreach (var line in chunkLines.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
            sb.Append("data: ").Append(line).Append("\r\n\r\n");
        return sb.ToString();
    }

    /// <summary>What the adapter must report for the recorded events of candidate 0.</summary>
    public sealed record Expected(List<string> TextParts, string Reasoning, List<string> ToolNames, int Prompt, int Completion, int Total, int ReasoningTokens, string? LastSignature);

    public static Expected Expect(IReadOnlyList<JsonElement> events)
    {
        var text = new List<string>();
        var pending = new StringBuilder();
        var reasoning = new StringBuilder();
        var tools = new List<string>();
        string? signature = null;
        JsonElement usage = default;
        foreach (var e in events)
        {
            if (e.TryGetProperty("usageMetadata", out var u)) usage = u;
            if (!e.TryGetProperty("candidates", out var candidates)) continue;
            foreach (var part in candidates[0].TryGetProperty("content", out var c) && c.TryGetProperty("parts", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                if (part.TryGetProperty("thoughtSignature", out var s)) signature = s.GetString();
                if (part.TryGetProperty("functionCall", out var fc) && fc.TryGetProperty("name", out var name)) tools.Add(name.GetString()!);
                else if (part.TryGetProperty("text", out var t))
                    (part.TryGetProperty("thought", out var th) && th.GetBoolean() ? reasoning : pending).Append(t.GetString());
                else if (pending.Length > 0) { text.Add(pending.ToString().Trim()); pending.Clear(); }
            }
        }
        if (pending.ToString().Trim() is { Length: > 0 } last) text.Add(last);
        int Count(string name) => usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty(name, out var v) ? v.GetInt32() : 0;
        var thoughts = Count("thoughtsTokenCount");
        return new Expected(text, reasoning.ToString(), tools, Count("promptTokenCount") + Count("toolUsePromptTokenCount"),
            Count("candidatesTokenCount") + thoughts, Count("totalTokenCount"), thoughts, signature);
    }
}
