using System.Text;
using Microsoft.Extensions.Configuration;

namespace LlmAbstraction.Configuration;

/// <summary>
/// Loads a LiteLLM proxy config (<c>litellm_config.yaml</c>) or an <see cref="IConfiguration"/> section with the
/// same snake_case keys into an <see cref="LlmConfiguration"/>. Every problem is collected; nothing throws for bad
/// content (call <see cref="LlmConfigurationLoadResult.ThrowIfInvalid"/> for that).
/// </summary>
public static class LiteLlmConfigLoader
{
    /// <summary>Loads YAML text.</summary>
    /// <param name="yamlText">The YAML document.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <returns>The configuration with its warnings and errors.</returns>
    public static LlmConfigurationLoadResult LoadYaml(string yamlText, LiteLlmConfigLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        using var reader = new StringReader(yamlText);
        return LoadYaml(reader, options);
    }

    /// <summary>Loads YAML from a stream (UTF-8 unless a byte-order mark says otherwise); the stream is left open.</summary>
    /// <param name="yaml">The stream.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <returns>The configuration with its warnings and errors.</returns>
    public static LlmConfigurationLoadResult LoadYaml(Stream yaml, LiteLlmConfigLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StreamReader(yaml, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return LoadYaml(reader, options);
    }

    /// <summary>Loads a YAML file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <returns>The configuration with its warnings and errors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LlmConfigurationLoadResult LoadYamlFile(string path, LiteLlmConfigLoaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return LoadYaml(stream, options);
    }

    /// <summary>Loads an <see cref="IConfiguration"/> section, e.g. <c>configuration.GetSection("LlmAbstraction")</c>.</summary>
    /// <param name="section">The section holding <c>model_list</c>, <c>router_settings</c>, ...</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <returns>The configuration with its warnings and errors.</returns>
    public static LlmConfigurationLoadResult Load(IConfiguration section, LiteLlmConfigLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var diagnostics = new DiagnosticBag();
        return Bind(ConfigurationNodeReader.Read(section), diagnostics, options);
    }

    private static LlmConfigurationLoadResult LoadYaml(TextReader reader, LiteLlmConfigLoaderOptions? options)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlConfigReader.Read(reader, diagnostics);
        return Bind(root, diagnostics, options);
    }

    private static LlmConfigurationLoadResult Bind(ConfigNode? root, DiagnosticBag diagnostics, LiteLlmConfigLoaderOptions? options)
    {
        var resolver = (options ?? new LiteLlmConfigLoaderOptions()).EnvironmentVariableResolver;
        var configuration = LlmConfigurationBinder.Bind(root, new BindContext(diagnostics, resolver));
        return new LlmConfigurationLoadResult(configuration, diagnostics.Items);
    }
}
