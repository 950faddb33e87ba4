namespace LlmAbstraction.Pricing;

/// <summary>A token count, and whether it is exact for the model or an estimate.</summary>
/// <param name="Tokens">The number of tokens.</param>
/// <param name="IsEstimate">True when the count was made with another model's tokenizer (non-OpenAI models) or approximates the provider's framing (tools, images).</param>
/// <param name="Tokenizer">What counted: <c>tiktoken:&lt;model&gt;</c> for OpenAI models, <c>o200k_base (estimate)</c> otherwise.</param>
public readonly record struct TokenCount(int Tokens, bool IsEstimate, string Tokenizer);
