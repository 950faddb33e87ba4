namespace LlmAbstraction.Configuration;

internal static class ModelGroupAliasReader
{
    public static IReadOnlyDictionary<string, ModelGroupAlias> Read(MappingReader r, FallbackReader groups)
    {
        var result = new Dictionary<string, ModelGroupAlias>(StringComparer.Ordinal);
        var aliases = new MappingReader(r.Node("model_group_alias"), r.KeyPath("model_group_alias"), r.Context, strict: false);
        foreach (var alias in aliases.Keys.ToList())
        {
            var path = aliases.KeyPath(alias);
            ModelGroupAlias? value = null;
            if (aliases.Node(alias) is ConfigMapping)
            {
                var m = new MappingReader(aliases.Node(alias), path, r.Context, strict: false);
                var model = m.String("model");
                if (string.IsNullOrWhiteSpace(model))
                {
                    r.Context.Diagnostics.Error(LlmConfigurationDiagnosticKind.MissingRequired, m.KeyPath("model"), "an alias needs a target model group");
                }
                else
                {
                    value = new ModelGroupAlias(model, m.Bool("hidden") ?? false);
                }

                m.Rest(known: ["model", "hidden"]);
            }
            else if (aliases.String(alias) is { } target)
            {
                value = new ModelGroupAlias(target);
            }

            if (value is not null)
            {
                groups.CheckGroup(value.Model, path, allowStar: false);
                result[alias] = value;
            }
        }

        return result;
    }
}
