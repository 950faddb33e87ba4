namespace LlmAbstraction.Configuration;

/// <summary>Builds LiteLLM-style key paths: <c>model_list[3].litellm_params.rpm</c>, <c>fallbacks[0]["gpt-3.5"]</c>.</summary>
internal static class ConfigPath
{
    public static string Key(string parent, string key)
    {
        var simple = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '*' or ':');
        if (!simple)
        {
            return $"{parent}[\"{key}\"]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
