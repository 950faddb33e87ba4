namespace LlmAbstraction.Configuration;

/// <summary>One entry of a LiteLLM fallback list: <c>{"claude-primary": ["openai-fallback", "claude-budget"]}</c>.</summary>
/// <param name="ModelGroup">The model group that failed (a <c>model_name</c>; <c>*</c> for default fallbacks).</param>
/// <param name="Fallbacks">Model groups to try next, in order.</param>
public sealed record FallbackRule(string ModelGroup, IReadOnlyList<string> Fallbacks)
{
    /// <inheritdoc />
    public override string ToString() => $"{ModelGroup} -> [{string.Join(", ", Fallbacks)}]";
}
