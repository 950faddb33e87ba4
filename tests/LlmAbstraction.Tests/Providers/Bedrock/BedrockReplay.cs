using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>One recorded Bedrock exchange, read from a nock recording (oi-js *.json) or a VCR cassette (oi-py *.yaml).</summary>
internal sealed record BedrockRecording(string File, string Path, JsonElement RequestBody, int Status, string? ResponseText, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The model id as the path carries it, decoded (e.g. <c>anthropic.claude-3-haiku-20240307-v1:0</c>).</summary>
    public string ModelId => Uri.UnescapeDataString(Path.Split('/')[2]);

    public string Operation => Path.Split('/')[3];

    public static BedrockRecording Read(string file) => file.EndsWith(".yaml", StringComparison.Ordinal) ? ReadCassette(file) : ReadNock(file);

    private static BedrockRecording ReadNock(string file)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(file));
        var r = doc.RootElement.EnumerateArray().Single();
        var raw = r.GetProperty("rawHeaders").EnumerateArray().Select(h => h.GetString()!).ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < raw.Length; i += 2) headers[raw[i]] = raw[i + 1];
        var response = r.GetProperty("response");
        return new BedrockRecording(System.IO.Path.GetFileName(file), r.GetProperty("path").GetString()!, r.GetProperty("body").Clone(), r.GetProperty("status").GetInt32(),
            response.ValueKind == JsonValueKind.String ? null : response.GetRawText(), headers);
    }

    private static BedrockRecording ReadCassette(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(System.IO.File.ReadAllText(file)));
        var interaction = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["interactions"]).Children.Single();
        var request = (YamlMappingNode)interaction["request"];
        var response = (YamlMappingNode)interaction["response"];
        var uri = new Uri(((YamlScalarNode)request["uri"]).Value!);
        var body = ((YamlScalarNode)request["body"]).Value!;
        var responseBody = (YamlScalarNode)((YamlMappingNode)response["body"])["string"];
        var status = int.Parse(((YamlScalarNode)((YamlMappingNode)response["status"])["code"]).Value!, System.Globalization.CultureInfo.InvariantCulture);
        using var doc = JsonDocument.Parse(body);
        return new BedrockRecording(System.IO.Path.GetFileName(file), uri.AbsolutePath, doc.RootElement.Clone(), status,
            responseBody.Tag.ToString().Contains("binary", StringComparison.Ordinal) ? null : responseBody.Value, new Dictionary<string, string>());
    }

    /// <summary>Headers worth replaying (content type, request id, error type), without hop-by-hop ones.</summary>
    public Dictionary<string, string> ReplayHeaders() => Headers
        .Where(h => h.Key.StartsWith("x-amzn", StringComparison.OrdinalIgnoreCase))
        .ToDictionary(h => h.Key, h => h.Value);
}

/// <summary>
/// Turns a recorded Converse request body back into the OpenAI-shaped request a caller would write, so the replay can
/// check that the adapter reproduces the recorded body exactly.
/// </summary>
internal static class ConverseToOpenAI
{
    public static ChatCompletionRequest Request(string model, JsonElement body)
    {
        var request = new ChatCompletionRequest { Model = model };
        if (body.TryGetProperty("system", out var system))
            foreach (var block in system.EnumerateArray()) request.Messages.Add(ChatMessage.System(block.GetProperty("text").GetString()!));
        foreach (var message in body.GetProperty("messages").EnumerateArray())
            Turn(request.Messages, message.GetProperty("role").GetString()!, message.GetProperty("content"));
        if (body.TryGetProperty("inferenceConfig", out var config))
        {
            if (config.TryGetProperty("maxTokens", out var m)) request.MaxTokens = m.GetInt32();
            if (config.TryGetProperty("temperature", out var t)) request.Temperature = t.GetDouble();
            if (config.TryGetProperty("topP", out var p)) request.TopP = p.GetDouble();
            if (config.TryGetProperty("stopSequences", out var s)) request.Stop = s.EnumerateArray().Select(x => x.GetString()!).ToList();
        }
        if (body.TryGetProperty("toolConfig", out var tools))
            request.Tools = tools.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("toolSpec")).Select(spec => ToolDefinition.ForFunction(
                spec.GetProperty("name").GetString()!, spec.TryGetProperty("description", out var d) ? d.GetString() : null,
                spec.GetProperty("inputSchema").GetProperty("json").Clone())).ToList();
        return request;
    }

    private static void Turn(IList<ChatMessage> messages, string role, JsonElement content)
    {
        var text = new StringBuilder();
        List<ToolCall>? calls = null;
        foreach (var block in content.EnumerateArray())
        {
            if (block.TryGetProperty("text", out var t)) text.Append(t.GetString());
            else if (block.TryGetProperty("toolUse", out var use))
                (calls ??= []).Add(new ToolCall
                {
                    Id = use.GetProperty("toolUseId").GetString()!,
                    Function = new FunctionCall { Name = use.GetProperty("name").GetString(), Arguments = use.GetProperty("input").GetRawText() },
                });
            else if (block.TryGetProperty("toolResult", out var result))
                messages.Add(ChatMessage.Tool(result.GetProperty("toolUseId").GetString()!,
                    string.Concat(result.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("text").GetString()))));
        }
        if (role == "assistant") messages.Add(new ChatMessage(ChatRoles.Assistant, text.Length > 0 ? text.ToString() : null) { ToolCalls = calls });
        else if (text.Length > 0) messages.Add(ChatMessage.User(text.ToString()));
    }
}

/// <summary>What a Converse response or a decoded ConverseStream should normalize to, read straight from the recording.</summary>
internal sealed record ExpectedAnswer(string Text, List<(string Id, string Name, string Arguments)> Tools, string StopReason, int Input, int Output)
{
    public static ExpectedAnswer FromResponse(JsonElement r)
    {
        var text = new StringBuilder();
        var tools = new List<(string, string, string)>();
        foreach (var block in r.GetProperty("output").GetProperty("message").GetProperty("content").EnumerateArray())
        {
            if (block.TryGetProperty("text", out var t)) text.Append(t.GetString());
            if (block.TryGetProperty("toolUse", out var u)) tools.Add((u.GetProperty("toolUseId").GetString()!, u.GetProperty("name").GetString()!, u.GetProperty("input").GetRawText()));
        }
        var usage = r.GetProperty("usage");
        return new ExpectedAnswer(text.ToString(), tools, r.GetProperty("stopReason").GetString()!, usage.GetProperty("inputTokens").GetInt32(), usage.GetProperty("outputTokens").GetInt32());
    }

    /// <summary>From <c>(eventType, payload)</c> pairs of a decoded stream.</summary>
    public static ExpectedAnswer FromEvents(IEnumerable<(string Type, JsonElement Payload)> events)
    {
        var text = new StringBuilder();
        var tools = new List<(string Id, string Name, StringBuilder Args)>();
        string stop = "";
        int input = 0, output = 0;
        foreach (var (type, p) in events)
        {
            if (type == "contentBlockStart" && p.GetProperty("start").TryGetProperty("toolUse", out var use))
                tools.Add((use.GetProperty("toolUseId").GetString()!, use.GetProperty("name").GetString()!, new StringBuilder()));
            if (type == "contentBlockDelta" && p.GetProperty("delta").TryGetProperty("text", out var t)) text.Append(t.GetString());
            if (type == "contentBlockDelta" && p.GetProperty("delta").TryGetProperty("toolUse", out var d)) tools[^1].Args.Append(d.GetProperty("input").GetString());
            if (type == "messageStop") stop = p.GetProperty("stopReason").GetString()!;
            if (type == "metadata") (input, output) = (p.GetProperty("usage").GetProperty("inputTokens").GetInt32(), p.GetProperty("usage").GetProperty("outputTokens").GetInt32());
        }
        return new ExpectedAnswer(text.ToString(), tools.Select(x => (x.Id, x.Name, x.Args.Length == 0 ? "{}" : x.Args.ToString())).ToList(), stop, input, output);
    }

    public string FinishReason => StopReason switch
    {
        "end_turn" or "stop_sequence" => "stop",
        "max_tokens" => "length",
        "tool_use" => "tool_calls",
        _ => throw new InvalidOperationException($"unexpected stop reason {StopReason} in a recording"),
    };
}
