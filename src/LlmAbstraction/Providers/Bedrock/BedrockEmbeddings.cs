using System.Buffers;
using System.Text.Json;

namespace LlmAbstraction.Providers.Bedrock;

/// <summary>
/// InvokeModel bodies for Bedrock's embedding models. Titan text (<c>amazon.titan-embed-text-*</c>): one input per
/// call, <c>{"inputText","dimensions"}</c> → <c>{"embedding","inputTextTokenCount"}</c>. Cohere
/// (<c>cohere.embed-*</c>): up to 96 texts per call, <c>{"texts","input_type"}</c> → <c>{"embeddings":[[…]]}</c> or
/// <c>{"embeddings":{"float":[[…]]}}</c>. Extra-body fields (e.g. <c>normalize</c>, <c>input_type</c>, <c>truncate</c>) are
/// written into the body as given.
/// </summary>
internal static class BedrockEmbeddings
{
    public const int CohereBatchSize = 96;

    public enum Family { Titan, Cohere }

    public static Family FamilyOf(string model)
    {
        if (model.Contains("amazon.titan-embed", StringComparison.OrdinalIgnoreCase) && !model.Contains("image", StringComparison.OrdinalIgnoreCase)) return Family.Titan;
        if (model.Contains("cohere.embed", StringComparison.OrdinalIgnoreCase)) return Family.Cohere;
        throw new UnsupportedParamsException(
            $"bedrock embeddings support Titan text (amazon.titan-embed-text-*) and Cohere (cohere.embed-*) models, not '{model}'.",
            new LlmErrorDetails { Provider = BedrockProvider.ProviderName, Model = model, ErrorCode = "unsupported_model" });
    }

    /// <summary>The inputs sent per InvokeModel call.</summary>
    public static IEnumerable<IReadOnlyList<string>> Batches(Family family, IList<string> inputs)
    {
        var size = family == Family.Titan ? 1 : CohereBatchSize;
        for (var i = 0; i < inputs.Count; i += size)
            yield return inputs.Skip(i).Take(size).ToArray();
    }

    public static byte[] Body(Family family, IReadOnlyList<string> batch, EmbeddingRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var extra = request.AdditionalProperties;
            if (family == Family.Titan)
            {
                w.WriteString("inputText", batch[0]);
                if (request.Dimensions is { } d) w.WriteNumber("dimensions", d);
            }
            else
            {
                w.WriteStartArray("texts");
                foreach (var t in batch) w.WriteStringValue(t);
                w.WriteEndArray();
                if (extra?.ContainsKey("input_type") != true) w.WriteString("input_type", "search_document");
                if (request.Dimensions is { } d) w.WriteNumber("output_dimension", d);
            }
            if (extra is not null)
                foreach (var (key, value) in extra)
                {
                    w.WritePropertyName(key);
                    value.WriteTo(w);
                }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the vectors (in input order) and, for Titan, the input token count.</summary>
    public static (List<float[]> Vectors, int? Tokens) Parse(Family family, JsonElement root)
    {
        var vectors = new List<float[]>();
        if (family == Family.Titan)
        {
            vectors.Add(Vector(root.GetProperty("embedding")));
            return (vectors, root.TryGetProperty("inputTextTokenCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null);
        }
        var embeddings = root.GetProperty("embeddings");
        if (embeddings.ValueKind == JsonValueKind.Object) embeddings = embeddings.GetProperty("float");
        foreach (var e in embeddings.EnumerateArray()) vectors.Add(Vector(e));
        return (vectors, null);
    }

    private static float[] Vector(JsonElement array)
    {
        var result = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var v in array.EnumerateArray()) result[i++] = v.GetSingle();
        return result;
    }
}
