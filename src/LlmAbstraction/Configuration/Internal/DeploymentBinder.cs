namespace LlmAbstraction.Configuration;

/// <summary>Binds <c>model_list</c>. Deployments without <c>model_name</c> or <c>model</c> are reported and left out.</summary>
internal static class DeploymentBinder
{
    public static IReadOnlyList<DeploymentConfig> BindList(ConfigNode? node, string path, BindContext context)
    {
        if (node is null or ConfigScalar { IsNull: true })
        {
            return [];
        }

        if (node is not ConfigSequence sequence)
        {
            context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, path, "expected a list of deployments");
            return [];
        }

        var result = new List<DeploymentConfig>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = ConfigPath.Index(path, i);
            if (Bind(sequence.Items[i], itemPath, context) is not { } deployment)
            {
                continue;
            }

            if (deployment.ModelInfo.Id is { } id && !ids.TryAdd(id, itemPath))
            {
                context.Diagnostics.Error(LlmConfigurationDiagnosticKind.InvalidValue, ConfigPath.Key(ConfigPath.Key(itemPath, "model_info"), "id"),
                    $"model_info.id '{id}' is already used by {ids[id]}; deployment ids must be unique");
            }

            result.Add(deployment);
        }

        return result;
    }

    private static DeploymentConfig? Bind(ConfigNode node, string path, BindContext context)
    {
        var entry = new MappingReader(node, path, context, strict: true);
        var modelName = entry.String("model_name");
        if (entry.Node("model_name") is null || entry.Node("model_name") is ConfigScalar { Text: var raw } && string.IsNullOrWhiteSpace(raw))
        {
            context.Diagnostics.Error(LlmConfigurationDiagnosticKind.MissingRequired, entry.KeyPath("model_name"), "every model_list entry needs a model_name (the model group)");
        }

        var paramsNode = entry.Node("litellm_params");
        var p = new MappingReader(paramsNode, entry.KeyPath("litellm_params"), context, strict: true);
        var model = p.String("model");
        if (string.IsNullOrWhiteSpace(model) && !IsUnresolvedReference(p))
        {
            context.Diagnostics.Error(LlmConfigurationDiagnosticKind.MissingRequired, p.KeyPath("model"), "litellm_params.model (the provider model string) is required");
        }

        var deploymentRpm = entry.Int("rpm", 0);
        var deploymentTpm = entry.Long("tpm", 0);
        var litellmParams = LiteLlmParamsBinder.Bind(p, model ?? "", deploymentRpm, deploymentTpm);
        var modelInfo = ModelInfoBinder.Bind(new MappingReader(entry.Node("model_info"), entry.KeyPath("model_info"), context, strict: false));
        var extra = entry.Rest(known: KnownKeys.Deployment);
        if (string.IsNullOrWhiteSpace(modelName) || string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        return new DeploymentConfig { ModelName = modelName, LiteLlmParams = litellmParams, ModelInfo = modelInfo, Extra = extra };
    }

    /// <summary>True when <c>model</c> is an os.environ reference that did not resolve (already reported).</summary>
    private static bool IsUnresolvedReference(MappingReader p) =>
        p.Node("model") is ConfigScalar { Text: { } text } && text.StartsWith("os.environ/", StringComparison.Ordinal);
}
