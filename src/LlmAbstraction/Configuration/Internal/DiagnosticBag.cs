namespace LlmAbstraction.Configuration;

/// <summary>Collects every diagnostic of one load; never stops at the first.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<LlmConfigurationDiagnostic> _items = [];

    public IReadOnlyList<LlmConfigurationDiagnostic> Items => _items;

    public void Warn(LlmConfigurationDiagnosticKind kind, string path, string message) =>
        _items.Add(new(LlmConfigurationSeverity.Warning, kind, path, message));

    public void Error(LlmConfigurationDiagnosticKind kind, string path, string message) =>
        _items.Add(new(LlmConfigurationSeverity.Error, kind, path, message));

    public void Add(LlmConfigurationDiagnostic diagnostic) => _items.Add(diagnostic);
}
