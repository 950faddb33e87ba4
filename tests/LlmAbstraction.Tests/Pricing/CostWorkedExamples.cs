using LlmAbstraction.Pricing;

namespace LlmAbstraction.Tests.Pricing;

/// <summary>
/// Worked examples, each computed by hand from the prices in LiteLLM's model_prices_and_context_window.json
/// (commit 667b9122, the copy in ../shared/data). Usage is in the library's inclusive convention:
/// P = prompt tokens (cache reads C and writes W included), O = completion tokens (reasoning R included).
/// </summary>
public static class CostWorkedExamples
{
    public sealed record Example(string Name, string? Provider, string Model, TokenQuantities Usage, decimal Expected)
    {
        public override string ToString() => Name;
    }

    private static TokenQuantities Q(int p, int o, int c = 0, int w = 0, int w1h = 0, int r = 0, int audioIn = 0, string? tier = null)
        => new() { PromptTokens = p, CompletionTokens = o, CachedTokens = c, CacheWriteTokens = w, CacheWrite1hTokens = w1h, ReasoningTokens = r, AudioInputTokens = audioIn, ServiceTier = tier };

    public static IEnumerable<TestCaseData> All() => Examples.Select(e => new TestCaseData(e).SetName("Worked_example_" + e.Name));

    public static readonly Example[] Examples =
    [
        // ---- OpenAI ----
        // in 2.5e-6, cache_read 1.25e-6, out 1e-5: 6,000×2.5e-6 = 0.015; 4,000×1.25e-6 = 0.005; 500×1e-5 = 0.005
        new("openai_gpt_4o_with_cached_tokens", "openai", "gpt-4o", Q(10_000, 500, c: 4_000), 0.025m),
        // flex: in 6.25e-7, cache 6.25e-8, out 5e-6: 10,000×6.25e-7 = 0.00625; 10,000×6.25e-8 = 0.000625; 1,000×5e-6 = 0.005
        new("openai_gpt_5_flex_tier", "openai", "gpt-5", Q(20_000, 1_000, c: 10_000, tier: "flex"), 0.011875m),
        // standard: 10,000×1.25e-6 = 0.0125; 10,000×1.25e-7 = 0.00125; 1,000×1e-5 = 0.01
        new("openai_gpt_5_standard_tier", "openai", "gpt-5", Q(20_000, 1_000, c: 10_000), 0.02375m),
        // priority: 10,000×2.5e-6 = 0.025; 10,000×2.5e-7 = 0.0025; 1,000×2e-5 = 0.02
        new("openai_gpt_5_priority_tier", "openai", "gpt-5", Q(20_000, 1_000, c: 10_000, tier: "priority"), 0.0475m),
        // "default" is not a priced tier: base prices. Same as standard.
        new("openai_gpt_5_default_tier_is_base", "openai", "gpt-5", Q(20_000, 1_000, c: 10_000, tier: "default"), 0.02375m),
        // dated name as OpenAI returns it: 1,000×2.5e-6 = 0.0025; 100×1e-5 = 0.001
        new("openai_gpt_4o_dated_response_name", "openai", "gpt-4o-2024-08-06", Q(1_000, 100), 0.0035m),
        // in 1.5e-7, cache 7.5e-8, out 6e-7: 30,000×1.5e-7 = 0.0045; 20,000×7.5e-8 = 0.0015; 2,000×6e-7 = 0.0012
        new("openai_gpt_4o_mini_with_cached_tokens", "openai", "gpt-4o-mini", Q(50_000, 2_000, c: 20_000), 0.0072m),
        // priority: 10,000×2.5e-7 = 0.0025; 1,000×1e-6 = 0.001
        new("openai_gpt_4o_mini_priority", "openai", "gpt-4o-mini", Q(10_000, 1_000, tier: "priority"), 0.0035m),
        // in 2e-6, out 8e-6 (no reasoning price: reasoning at output): 5,000×2e-6 = 0.01; 500×8e-6 = 0.004; 2,500×8e-6 = 0.02
        new("openai_o3_reasoning_billed_as_output", "openai", "o3", Q(5_000, 3_000, r: 2_500), 0.034m),
        // in 1.5e-5, cache 7.5e-6, out 6e-5: 976×1.5e-5 = 0.01464; 1,024×7.5e-6 = 0.00768; 200×6e-5 = 0.012; 800×6e-5 = 0.048
        new("openai_o1_cached_and_reasoning", "openai", "o1", Q(2_000, 1_000, c: 1_024, r: 800), 0.08232m),
        // in 2e-6, cache 5e-7, out 8e-6: 40,000×2e-6 = 0.08; 60,000×5e-7 = 0.03; 4,000×8e-6 = 0.032
        new("openai_gpt_4_1_with_cached_tokens", "openai", "gpt-4.1", Q(100_000, 4_000, c: 60_000), 0.142m),
        // fine-tune reduced to ft:gpt-4o-2024-08-06: in 3.75e-6, out 1.5e-5: 1,000×3.75e-6 = 0.00375; 500×1.5e-5 = 0.0075
        new("openai_fine_tuned_gpt_4o", "openai", "ft:gpt-4o-2024-08-06:my-org::abc123", Q(1_000, 500), 0.01125m),
        // embeddings: 1,000,000×2e-8
        new("openai_embedding_3_small", "openai", "text-embedding-3-small", Q(1_000_000, 0), 0.02m),
        // 10,000×1.3e-7
        new("openai_embedding_3_large", "openai", "text-embedding-3-large", Q(10_000, 0), 0.0013m),
        // 2,500×1e-7
        new("openai_embedding_ada_002", "openai", "text-embedding-ada-002", Q(2_500, 0), 0.00025m),

        // ---- Anthropic ----
        // input 1,000 + read 20,000 + write 5,000: 1,000×3e-6 = 0.003; 20,000×3e-7 = 0.006; 5,000×3.75e-6 = 0.01875; 800×1.5e-5 = 0.012
        new("anthropic_sonnet_4_5_cache_read_and_write", "anthropic", "claude-sonnet-4-5-20250929", Q(26_000, 800, c: 20_000, w: 5_000), 0.03975m),
        // P 210,000 > 200,000: in 6e-6, read 6e-7, out 2.25e-5: 150,000×6e-6 = 0.9; 60,000×6e-7 = 0.036; 2,000×2.25e-5 = 0.045
        new("anthropic_sonnet_4_5_long_context_tier", "anthropic", "claude-sonnet-4-5", Q(210_000, 2_000, c: 60_000), 0.981m),
        // P exactly 200,000 is not above: 140,000×3e-6 = 0.42; 60,000×3e-7 = 0.018; 2,000×1.5e-5 = 0.03
        new("anthropic_sonnet_4_5_exactly_at_threshold_is_base", "anthropic", "claude-sonnet-4-5", Q(200_000, 2_000, c: 60_000), 0.468m),
        // tier with a cache write: 200,000×6e-6 = 1.2; 50,000×7.5e-6 = 0.375; 1,000×2.25e-5 = 0.0225
        new("anthropic_sonnet_4_5_long_context_with_cache_write", "anthropic", "claude-sonnet-4-5", Q(250_000, 1_000, w: 50_000), 1.5975m),
        // 1-hour write 3e-5: 500×1.5e-5 = 0.0075; 10,000×3e-5 = 0.3; 1,000×7.5e-5 = 0.075
        new("anthropic_opus_4_1_one_hour_cache_write", "anthropic", "claude-opus-4-1", Q(10_500, 1_000, w: 10_000, w1h: 10_000), 0.3825m),
        // same without the 1h split: 10,000×1.875e-5 = 0.1875 → 0.0075 + 0.1875 + 0.075
        new("anthropic_opus_4_1_five_minute_cache_write", "anthropic", "claude-opus-4-1", Q(10_500, 1_000, w: 10_000), 0.27m),
        // in 1,000×1e-6 = 0.001; read 5,000×1e-7 = 0.0005; 5m 4,000×1.25e-6 = 0.005; 1h 2,000×2e-6 = 0.004; out 700×5e-6 = 0.0035
        new("anthropic_haiku_4_5_read_and_5m_and_1h_writes", "anthropic", "claude-haiku-4-5-20251001", Q(12_000, 700, c: 5_000, w: 6_000, w1h: 2_000), 0.014m),
        // 1,000×8e-7 = 0.0008; 1h 2,000×6e-6 = 0.012; 100×4e-6 = 0.0004
        new("anthropic_haiku_3_5_one_hour_write", "anthropic", "claude-3-5-haiku-20241022", Q(3_000, 100, w: 2_000, w1h: 2_000), 0.0132m),
        // extended thinking billed as output: 1,000×3e-6 = 0.003; 500×1.5e-5 = 0.0075; 1,500×1.5e-5 = 0.0225
        new("anthropic_sonnet_4_5_thinking_billed_as_output", "anthropic", "claude-sonnet-4-5", Q(1_000, 2_000, r: 1_500), 0.033m),

        // ---- Gemini (Google AI Studio) ----
        // P 250,000 > 200,000: in 2.5e-6, read 2.5e-7, out 1.5e-5: 150,000×2.5e-6 = 0.375; 100,000×2.5e-7 = 0.025; 1,000×1.5e-5 = 0.015; 3,000×1.5e-5 = 0.045
        new("gemini_2_5_pro_long_context_thinking_and_cache", "gemini", "gemini-2.5-pro", Q(250_000, 4_000, c: 100_000, r: 3_000), 0.46m),
        // base: 60,000×1.25e-6 = 0.075; implicit cache 40,000×1.25e-7 = 0.005; 1,000×1e-5 = 0.01; thinking 4,000×1e-5 = 0.04
        new("gemini_2_5_pro_thinking_and_implicit_cache", "gemini", "gemini-2.5-pro", Q(100_000, 5_000, c: 40_000, r: 4_000), 0.13m),
        // exactly 200,000: 200,000×1.25e-6 = 0.25; 1,000×1e-5 = 0.01
        new("gemini_2_5_pro_exactly_at_threshold_is_base", "gemini", "gemini-2.5-pro", Q(200_000, 1_000), 0.26m),
        // text 8,000×1.5e-7 = 0.0012; audio 2,000×1e-6 = 0.002; text out 1,000×6e-7 = 0.0006; reasoning 4,000×3.5e-6 = 0.014
        new("gemini_2_5_flash_preview_audio_and_reasoning_price", "gemini", "gemini-2.5-flash-preview-04-17", Q(10_000, 5_000, r: 4_000, audioIn: 2_000), 0.0178m),
        // 12,000×3e-7 = 0.0036; 8,000×3e-8 = 0.00024; 1,000×2.5e-6 = 0.0025; 2,000×2.5e-6 = 0.005
        new("gemini_2_5_flash_thinking_and_implicit_cache", "gemini", "gemini-2.5-flash", Q(20_000, 3_000, c: 8_000, r: 2_000), 0.01134m),
        // 1,000×1e-7 = 0.0001; 1,000×4e-7 = 0.0004
        new("gemini_2_0_flash_001", "gemini", "gemini-2.0-flash-001", Q(1_000, 1_000), 0.0005m),
        // "models/" stripped: 10,000×1e-7 = 0.001; 1,000×4e-7 = 0.0004; 1,000×4e-7 = 0.0004
        new("gemini_models_prefix_flash_lite", "gemini", "models/gemini-2.5-flash-lite", Q(10_000, 2_000, r: 1_000), 0.0018m),

        // ---- Vertex AI ----
        // bare key gemini-2.5-pro (vertex_ai-language-models), P 300,000 > 200,000: 300,000×2.5e-6 = 0.75; 2,000×1.5e-5 = 0.03
        new("vertex_gemini_2_5_pro_long_context", "vertex_ai", "gemini-2.5-pro", Q(300_000, 2_000), 0.78m),
        // Vertex's own gemini-2.0-flash-001 prices differ from AI Studio's: 1,000×1.5e-7 = 0.00015; 1,000×6e-7 = 0.0006
        new("vertex_gemini_2_0_flash_001_own_prices", "vertex_ai", "gemini-2.0-flash-001", Q(1_000, 1_000), 0.00075m),
        // vertex_ai/claude-sonnet-4-5@20250929 has Anthropic's prices: same as the Anthropic example
        new("vertex_claude_sonnet_4_5_with_cache", "vertex_ai", "claude-sonnet-4-5@20250929", Q(26_000, 800, c: 20_000, w: 5_000), 0.03975m),

        // ---- Bedrock ----
        // us. cross-region: in 3.3e-6, read 3.3e-7, write 4.125e-6, out 1.65e-5: 0.0033 + 0.0066 + 0.020625 + 0.0132
        new("bedrock_claude_sonnet_4_5_us_cross_region_with_cache", "bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", Q(26_000, 800, c: 20_000, w: 5_000), 0.043725m),
        // 2,000×3e-6 = 0.006; 500×1.5e-5 = 0.0075
        new("bedrock_claude_3_5_sonnet", "bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0", Q(2_000, 500), 0.0135m),
        // bedrock_converse entry for provider bedrock: 10,000×8e-7 = 0.008; 1,000×3.2e-6 = 0.0032
        new("bedrock_nova_pro", "bedrock", "amazon.nova-pro-v1:0", Q(10_000, 1_000), 0.0112m),
        // 1,000×9.9e-7 twice
        new("bedrock_llama_3_1_70b", "bedrock", "meta.llama3-1-70b-instruct-v1:0", Q(1_000, 1_000), 0.00198m),

        // ---- Azure ----
        // azure/gpt-4o-2024-08-06: same prices as OpenAI's
        new("azure_gpt_4o_with_cached_tokens", "azure", "gpt-4o-2024-08-06", Q(10_000, 500, c: 4_000), 0.025m),
        // in 1.65e-7, read 7.5e-8, out 6.6e-7: 8,000×1.65e-7 = 0.00132; 2,000×7.5e-8 = 0.00015; 1,000×6.6e-7 = 0.00066
        new("azure_gpt_4o_mini_with_cached_tokens", "azure", "gpt-4o-mini-2024-07-18", Q(10_000, 1_000, c: 2_000), 0.00213m),
        // 5,000×2e-8
        new("azure_embedding_3_small", "azure", "text-embedding-3-small", Q(5_000, 0), 0.0001m),

        // ---- Other providers ----
        // in 2.8e-7, read 2.8e-8, out 4.2e-7: 20,000×2.8e-7 = 0.0056; 80,000×2.8e-8 = 0.00224; 2,000×4.2e-7 = 0.00084
        new("deepseek_chat_with_cache_hits", "deepseek", "deepseek-chat", Q(100_000, 2_000, c: 80_000), 0.00868m),
        // 10,000×5.9e-7 = 0.0059; 1,000×7.9e-7 = 0.00079
        new("groq_llama_3_3_70b", "groq", "llama-3.3-70b-versatile", Q(10_000, 1_000), 0.00669m),
        // no cache price: cached tokens fall back to the input price (never free), so the same total
        new("groq_cached_tokens_without_cache_price_cost_input_price", "groq", "llama-3.3-70b-versatile", Q(10_000, 1_000, c: 5_000), 0.00669m),
        // 3,000×2e-6 = 0.006; 1,000×6e-6 = 0.006
        new("mistral_large_latest", "mistral", "mistral-large-latest", Q(3_000, 1_000), 0.012m),
        // bare command-r (cohere_chat) for provider cohere: 10,000×1.5e-7 = 0.0015; 1,000×6e-7 = 0.0006
        new("cohere_command_r", "cohere", "command-r", Q(10_000, 1_000), 0.0021m),
        // 1,000×3e-6 = 0.003; 1,000×1.5e-5 = 0.015
        new("xai_grok_3", "xai", "grok-3", Q(1_000, 1_000), 0.018m),
        // explicit 0.0 prices: free, and known
        new("ollama_llama3_is_free", "ollama", "llama3", Q(5_000, 5_000), 0m),
        // openrouter/openai/gpt-4o: 1,000×2.5e-6 = 0.0025; 1,000×1e-5 = 0.01
        new("openrouter_openai_gpt_4o", "openrouter", "openai/gpt-4o", Q(1_000, 1_000), 0.0125m),
        // 1,000×8.8e-7 twice
        new("together_llama_3_3_70b_turbo", "together_ai", "meta-llama/Llama-3.3-70B-Instruct-Turbo", Q(1_000, 1_000), 0.00176m),
        // no provider, prefixed model string: gemini/gemini-2.5-flash as in example above but without cache: 10,000×3e-7 = 0.003; 1,000×2.5e-6 = 0.0025
        new("prefixed_model_without_provider", null, "gemini/gemini-2.5-flash", Q(10_000, 1_000), 0.0055m),
    ];
}
