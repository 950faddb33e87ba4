using Microsoft.Extensions.Configuration;

namespace LlmAbstraction.Configuration;

/// <summary>
/// Turns an <see cref="IConfiguration"/> section (appsettings.json, environment, ...) into the same
/// <see cref="ConfigNode"/> tree the YAML reader produces. Sections whose children are all 0..n indexes become
/// sequences; every value is a plain scalar, so <c>"6379"</c> and <c>"True"</c> bind like YAML <c>6379</c> / <c>True</c>.
/// </summary>
internal static class ConfigurationNodeReader
{
    public static ConfigNode Read(IConfiguration section) => ReadChildren(section.GetChildren().ToList(), (section as IConfigurationSection)?.Value);

    private static ConfigNode ReadChildren(List<IConfigurationSection> children, string? value)
    {
        if (children.Count == 0)
        {
            return new ConfigScalar(value, isPlain: true);
        }

        var indexes = new List<(int Index, IConfigurationSection Section)>();
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                indexes.Clear();
                break;
            }

            indexes.Add((index, child));
        }

        if (indexes.Count == children.Count)
        {
            return new ConfigSequence(indexes.OrderBy(i => i.Index).Select(i => Read(i.Section)).ToList());
        }

        return new ConfigMapping(children.Select(c => new KeyValuePair<string, ConfigNode>(c.Key, Read(c))).ToList());
    }
}
