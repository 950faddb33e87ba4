using System.Text.RegularExpressions;

namespace LlmAbstraction.Configuration;

/// <summary>Reads LiteLLM fallback lists (<c>[{"a": ["b", "c"]}, ...]</c>) and checks that the groups exist.</summary>
internal sealed class FallbackReader(BindContext context, IReadOnlyCollection<string> groups)
{
    private readonly HashSet<string> _exact = new(groups.Where(g => !g.Contains('*', StringComparison.Ordinal)), StringComparer.Ordinal);
    private readonly List<Regex> _patterns = groups.Where(g => g.Contains('*', StringComparison.Ordinal))
        .Select(g => new Regex("^" + Regex.Escape(g).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant))
        .ToList();

    public IReadOnlyList<FallbackRule> ReadRules(MappingReader section, string key)
    {
        var node = section.Node(key);
        var path = section.KeyPath(key);
        var items = node switch
        {
            null => [],
            ConfigSequence sequence => sequence.Items,
            ConfigMapping mapping => [mapping],
            _ => Invalid(path),
        };

        var rules = new List<FallbackRule>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = node is ConfigSequence ? ConfigPath.Index(path, i) : path;
            if (items[i] is not ConfigMapping mapping)
            {
                context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, itemPath, "expected a mapping like {\"model-group\": [\"fallback-group\"]}");
                continue;
            }

            foreach (var entry in mapping.Entries)
            {
                var rulePath = ConfigPath.Key(itemPath, entry.Key);
                var reader = new MappingReader(mapping, itemPath, context, strict: false);
                var targets = reader.StringList(entry.Key);
                CheckGroup(entry.Key, rulePath, allowStar: true);
                foreach (var target in targets)
                {
                    CheckGroup(target, rulePath, allowStar: false);
                }

                rules.Add(new FallbackRule(entry.Key, targets));
            }
        }

        return rules;
    }

    public void CheckGroup(string group, string path, bool allowStar)
    {
        if ((allowStar && group == "*") || Exists(group))
        {
            return;
        }

        context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.UnknownModelGroup, path, $"model group '{group}' matches no model_name in model_list");
    }

    private bool Exists(string group) => _exact.Contains(group) || _patterns.Any(p => p.IsMatch(group));

    private IReadOnlyList<ConfigNode> Invalid(string path)
    {
        context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, path, "expected a list of {\"model-group\": [\"fallback-group\"]} mappings");
        return [];
    }
}
