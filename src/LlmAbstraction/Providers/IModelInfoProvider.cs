namespace LlmAbstraction.Providers;

/// <summary>Answers what the library knows about a model's limits.</summary>
public interface IModelInfoProvider
{
    /// <summary>The model's maximum output tokens, or <see langword="null"/> when unknown.</summary>
    int? GetMaxOutputTokens(string provider, string model);
}
