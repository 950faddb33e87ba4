namespace LlmAbstraction.Configuration;

/// <summary>Binds the whole document: environment_variables first (they resolve references), then model_list, then settings.</summary>
internal static class LlmConfigurationBinder
{
    public static LlmConfiguration Bind(ConfigNode? root, BindContext context)
    {
        if (root is null || root is ConfigScalar { IsNull: true })
        {
            if (context.Diagnostics.Items.Count == 0)
            {
                context.Diagnostics.Error(LlmConfigurationDiagnosticKind.MissingRequired, "", "the configuration is empty");
            }

            return new LlmConfiguration();
        }

        var top = new MappingReader(root, "", context, strict: false);
        var environment = ReadEnvironment(top);
        if (!top.Has("model_list"))
        {
            context.Diagnostics.Warn(LlmConfigurationDiagnosticKind.MissingRequired, "model_list", "no model_list: no deployments are configured");
        }

        var models = DeploymentBinder.BindList(top.Node("model_list"), "model_list", context);
        var fallbacks = new FallbackReader(context, models.Select(m => m.ModelName).Distinct(StringComparer.Ordinal).ToList());
        var litellm = LiteLlmSettingsBinder.Bind(Section(top, "litellm_settings"), fallbacks);
        var router = RouterSettingsBinder.Bind(Section(top, "router_settings"), litellm, fallbacks);
        var general = Section(top, "general_settings");
        var generalSettings = new GeneralSettings
        {
            MasterKey = general.Secret("master_key"),
            DatabaseUrl = general.Secret("database_url"),
            Extra = general.Rest(), // proxy-only settings: kept silently
        };

        top.Rest(KnownKeys.TopLevelIgnored, KnownKeys.TopLevel);
        return new LlmConfiguration
        {
            ModelList = models,
            RouterSettings = router,
            LiteLlmSettings = litellm,
            GeneralSettings = generalSettings,
            EnvironmentVariables = environment,
        };
    }

    private static MappingReader Section(MappingReader top, string key) => new(top.Node(key), key, top.Context, strict: false);

    private static Dictionary<string, SecretValue> ReadEnvironment(MappingReader top)
    {
        var result = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        var section = Section(top, "environment_variables");
        foreach (var name in section.Keys.ToList())
        {
            var value = section.Secret(name);
            top.Context.AddFileVariable(name, value?.Reveal());
            if (value is not null)
            {
                result[name] = value;
            }
        }

        section.Rest();
        return result;
    }
}
