using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using LlmAbstraction.Configuration;

namespace LlmAbstraction.Tests.Configuration;

/// <summary>Canonical "path = value" text of a configuration, secrets revealed, to compare two loads.</summary>
internal static class ConfigDump
{
    public static string Of(object value)
    {
        var sb = new StringBuilder();
        Write(sb, "", value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, string path, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append(path).AppendLine(" = null");
                break;
            case SecretValue secret:
                sb.Append(path).Append(" = secret(").Append(secret.EnvironmentVariableName).Append(")=").AppendLine(secret.Reveal());
                break;
            case JsonElement json:
                sb.Append(path).Append(" = ").AppendLine(json.GetRawText());
                break;
            case string or bool or Enum or TimeSpan:
                sb.Append(path).Append(" = ").AppendLine(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                sb.Append(path).Append(" = ").AppendLine(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    Write(sb, $"{path}[{key}]", dictionary[key]);
                }

                break;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    Write(sb, $"{path}[{i++}]", item);
                }

                break;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name))
                {
                    Write(sb, $"{path}.{property.Name}", property.GetValue(value));
                }

                break;
        }
    }
}
