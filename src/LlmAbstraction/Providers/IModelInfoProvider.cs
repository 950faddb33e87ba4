namespace LlmAbstraction.Providers;

/// <summary>Answers what the library knows about a model's limits.</summary>
public interface IModelInfoProvider
{
    /// <summary>The model's maximum output tokens, or <see langword="null"/> when unknown.</summary>
    int? GetMaxOutputTokens(string provider, string model);

    /// <summary>The model's context window (maximum input tokens), or <see langword="null"/> when unknown.</summary>
    /// <value>Default implementation: unknown.</value>
    int? GetMaxInputTokens(string provider, string model) => null;
}
