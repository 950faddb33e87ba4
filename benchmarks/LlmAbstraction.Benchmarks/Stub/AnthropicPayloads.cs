using System.Text;

namespace LlmAbstraction.Benchmarks.Stub;

/// <summary>Messages API bodies shaped like real recorded traffic (usage with cache fields, service tier, SSE event names).</summary>
public static class AnthropicPayloads
{
    public const string Model = "claude-sonnet-4-5-20250929";
    private const string Id = "msg_01VdEjxAP5ahtHKrrRdNBteQ";

    /// <summary>A short answer (~700 bytes).</summary>
    public static byte[] Small() => Response("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?", 29);

    /// <summary>An answer padded to 8 KB of body.</summary>
    public static byte[] Large() => Response(Text.Words(7_500), 1_700);

    private static byte[] Response(string text, int outputTokens) => Encoding.UTF8.GetBytes(
        "{\n  \"model\": \"" + Model + "\",\n  \"id\": \"" + Id + "\",\n  \"type\": \"message\",\n  \"role\": \"assistant\",\n" +
        "  \"content\": [\n    {\n      \"type\": \"text\",\n      \"text\": \"" + text + "\"\n    }\n  ],\n" +
        "  \"stop_reason\": \"end_turn\",\n  \"stop_sequence\": null,\n  \"usage\": {\n    \"input_tokens\": 24,\n" +
        "    \"cache_creation_input_tokens\": 0,\n    \"cache_read_input_tokens\": 0,\n" +
        "    \"cache_creation\": {\n      \"ephemeral_5m_input_tokens\": 0,\n      \"ephemeral_1h_input_tokens\": 0\n    },\n" +
        "    \"output_tokens\": " + outputTokens + ",\n    \"service_tier\": \"standard\"\n  }\n}");

    /// <summary>A streamed answer of exactly <paramref name="events"/> SSE events (message_start … message_stop).</summary>
    public static byte[] Stream(int events)
    {
        var sb = new StringBuilder();
        sb.Append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"").Append(Model).Append("\",\"id\":\"").Append(Id)
          .Append("\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":24,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n");
        sb.Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        foreach (var w in Text.WordList(events - 5))
            sb.Append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"").Append(w).Append("\"}}\n\n");
        sb.Append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        sb.Append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":24,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":")
          .Append(events - 5).Append("}}\n\n");
        sb.Append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
