using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace LlmAbstraction.Pricing;

/// <summary>
/// Counts tokens before a call. OpenAI-family models (those tiktoken knows: <c>gpt-4o</c>, <c>gpt-5</c>,
/// <c>o3</c>, <c>gpt-3.5-turbo</c>, …) are counted with their own encoding (o200k_base or cl100k_base);
/// every other model gets an estimate with o200k_base, labelled as such.
/// </summary>
/// <remarks>
/// Messages are framed as OpenAI documents it (3 tokens per message, 1 per name, 3 to prime the reply).
/// Tools follow the OpenAI cookbook's approximation and are always labelled estimates; images count 85
/// tokens each (low detail), also an estimate. Thread-safe.
/// </remarks>
public static class TokenCounter
{
    private const int TokensPerMessage = 3, TokensPerName = 1, ReplyPriming = 3, TokensPerImage = 85;
    private const int MaxCachedModels = 256;
    private static readonly ConcurrentDictionary<string, Tokenizer?> ByModel = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<Tokenizer> Fallback = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>Counts the tokens of a text.</summary>
    public static TokenCount CountText(string model, string text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        var (tokenizer, exact, name) = For(model);
        return new TokenCount(tokenizer.CountTokens(text), !exact, name);
    }

    /// <summary>Counts the prompt tokens of messages (and tools), as the model will see them.</summary>
    public static TokenCount CountMessages(string model, IEnumerable<ChatMessage> messages, IEnumerable<ToolDefinition>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(messages);
        var (tokenizer, exact, name) = For(model);
        var estimate = !exact;
        var total = ReplyPriming;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            total += TokensPerMessage + tokenizer.CountTokens(message.Role);
            if (message.Name is { } n) total += TokensPerName + tokenizer.CountTokens(n);
            if (message.Content?.Text is { } text) total += tokenizer.CountTokens(text);
            foreach (var part in message.Content?.Parts ?? [])
            {
                if (part.Text is { } t) total += tokenizer.CountTokens(t);
                if (part.ImageUrl is not null) { total += TokensPerImage; estimate = true; }
            }
            foreach (var call in message.ToolCalls ?? [])
                total += tokenizer.CountTokens(call.Function.Name ?? "") + tokenizer.CountTokens(call.Function.Arguments ?? "");
            if (message.ReasoningContent is { } r) total += tokenizer.CountTokens(r);
        }
        var toolList = tools?.ToList();
        if (toolList is { Count: > 0 })
        {
            total += CountTools(tokenizer, toolList);
            estimate = true;
        }
        return new TokenCount(total, estimate, name);
    }

    // The OpenAI cookbook's approximation for function definitions (gpt-4o family constants).
    private static int CountTools(Tokenizer tokenizer, IReadOnlyList<ToolDefinition> tools)
    {
        const int FuncInit = 7, PropInit = 3, PropKey = 3, EnumInit = -3, EnumItem = 3, FuncEnd = 12;
        var total = 0;
        foreach (var tool in tools)
        {
            var f = tool.Function;
            total += FuncInit + tokenizer.CountTokens($"{f.Name}:{f.Description?.TrimEnd('.')}");
            if (f.Parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                total += PropInit;
                foreach (var prop in props.EnumerateObject())
                {
                    total += PropKey;
                    var type = prop.Value.ValueKind == JsonValueKind.Object && prop.Value.TryGetProperty("type", out var ty) ? ty.ToString() : "";
                    var desc = prop.Value.ValueKind == JsonValueKind.Object && prop.Value.TryGetProperty("description", out var de) ? de.ToString().TrimEnd('.') : "";
                    if (prop.Value.ValueKind == JsonValueKind.Object && prop.Value.TryGetProperty("enum", out var en) && en.ValueKind == JsonValueKind.Array)
                    {
                        total += EnumInit;
                        foreach (var item in en.EnumerateArray()) total += EnumItem + tokenizer.CountTokens(item.ToString());
                    }
                    total += tokenizer.CountTokens($"{prop.Name}:{type}:{desc}");
                }
            }
        }
        return total + FuncEnd;
    }

    private static (Tokenizer Tokenizer, bool Exact, string Name) For(string model)
    {
        var bare = model.Contains('/', StringComparison.Ordinal) ? model[(model.LastIndexOf('/') + 1)..] : model;
        if (!ByModel.TryGetValue(bare, out var tokenizer))
        {
            tokenizer = TryCreate(bare);
            if (ByModel.Count < MaxCachedModels) ByModel.TryAdd(bare, tokenizer);
        }
        return tokenizer is null ? (Fallback.Value, false, "o200k_base (estimate)") : (tokenizer, true, "tiktoken:" + bare);
    }

    private static Tokenizer? TryCreate(string model)
    {
        try { return TiktokenTokenizer.CreateForModel(model); }
        catch (NotSupportedException) { return null; }
    }
}
