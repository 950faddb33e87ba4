using System.Text;

namespace LlmAbstraction.Benchmarks.Stub;

/// <summary>Chat Completions bodies shaped like real recorded traffic (field order, ids, usage details, fingerprints).</summary>
public static class OpenAIPayloads
{
    public const string Model = "gpt-4o-mini-2024-07-18";
    private const string Id = "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY";

    /// <summary>A one-sentence answer (~700 bytes), like a real short completion.</summary>
    public static byte[] Small() => Response("I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or app like the Weather Channel or a local news station.", 37);

    /// <summary>An answer padded to 8 KB of body.</summary>
    public static byte[] Large() => Response(Text.Words(7_600), 1_700);

    private static byte[] Response(string content, int completionTokens) => Encoding.UTF8.GetBytes(
        "{\"id\": \"" + Id + "\", \"object\": \"chat.completion\", \"created\": 1727346142, \"model\": \"" + Model + "\", " +
        "\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + content + "\", \"refusal\": null, \"annotations\": []}, " +
        "\"logprobs\": null, \"finish_reason\": \"stop\"}], " +
        "\"usage\": {\"prompt_tokens\": 24, \"completion_tokens\": " + completionTokens + ", \"total_tokens\": " + (24 + completionTokens) + ", " +
        "\"prompt_tokens_details\": {\"cached_tokens\": 0, \"audio_tokens\": 0}, " +
        "\"completion_tokens_details\": {\"reasoning_tokens\": 0, \"audio_tokens\": 0, \"accepted_prediction_tokens\": 0, \"rejected_prediction_tokens\": 0}}, " +
        "\"service_tier\": \"default\", \"system_fingerprint\": \"fp_b40fb1c6fb\"}");

    /// <summary>A streamed answer of exactly <paramref name="chunks"/> events: role, content deltas, finish, usage; then [DONE].</summary>
    public static byte[] Stream(int chunks)
    {
        var sb = new StringBuilder();
        const string head = "data: {\"id\":\"" + Id + "\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,\"model\":\"" + Model + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":";
        sb.Append(head).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        var words = Text.WordList(chunks - 3);
        foreach (var w in words)
            sb.Append(head).Append("[{\"index\":0,\"delta\":{\"content\":\"").Append(w).Append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        sb.Append(head).Append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        sb.Append(head).Append("[],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":").Append(chunks - 2)
          .Append(",\"total_tokens\":").Append(22 + chunks).Append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n");
        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
