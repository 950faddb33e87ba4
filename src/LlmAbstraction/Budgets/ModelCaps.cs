namespace LlmAbstraction.Budgets;

/// <summary>Matches a call's model to a budget's per-model caps.</summary>
internal static class ModelCaps
{
    /// <summary>
    /// The cap for <paramref name="model"/>: a key equal to it (ignoring case), else a key whose name after the
    /// provider prefix equals the model's when one of the two has no prefix (<c>claude-opus-4-6</c> caps
    /// <c>anthropic/claude-opus-4-6</c>).
    /// </summary>
    public static (string Key, decimal Limit)? Match(IReadOnlyDictionary<string, decimal> caps, string model)
    {
        if (caps.Count == 0) return null;
        foreach (var (key, limit) in caps)
            if (string.Equals(key, model, StringComparison.OrdinalIgnoreCase)) return (key, limit);
        var bare = Bare(model);
        var prefixed = bare.Length != model.Length;
        foreach (var (key, limit) in caps)
        {
            var keyBare = Bare(key);
            if ((!prefixed || keyBare.Length == key.Length) && string.Equals(keyBare, bare, StringComparison.OrdinalIgnoreCase)) return (key, limit);
        }
        return null;
    }

    private static string Bare(string model)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < model.Length - 1 ? model[(slash + 1)..] : model;
    }
}
