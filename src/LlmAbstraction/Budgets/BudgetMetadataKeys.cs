namespace LlmAbstraction.Budgets;

/// <summary>
/// Where the pipeline finds a call's budget subjects. A call is charged to every subject below that has a budget:
/// <list type="bullet">
/// <item>the global budget (<see cref="BudgetSubject.Global"/>), always;</item>
/// <item>the user: <see cref="ChatCompletionRequest.User"/> (<see cref="EmbeddingRequest.User"/>);</item>
/// <item>the team: metadata <see cref="TeamId"/>, else <see cref="Team"/>;</item>
/// <item>the key: metadata <see cref="ApiKeyAlias"/>, else <see cref="KeyAlias"/> (by alias), and the per-request
/// <see cref="ChatCompletionRequest.ApiKey"/> by its SHA-256 digest (<see cref="BudgetSubject.ApiKey"/>: the key itself is never stored);</item>
/// <item>tags: metadata <see cref="Tags"/>, comma-separated, each trimmed.</item>
/// </list>
/// Metadata is <see cref="ChatCompletionRequest.Metadata"/>; keys are matched exactly (lower case).
/// </summary>
public static class BudgetMetadataKeys
{
    /// <summary><c>team_id</c>: the team.</summary>
    public const string TeamId = "team_id";
    /// <summary><c>team</c>: the team, when <see cref="TeamId"/> is absent.</summary>
    public const string Team = "team";
    /// <summary><c>api_key_alias</c>: the API key's alias.</summary>
    public const string ApiKeyAlias = "api_key_alias";
    /// <summary><c>key_alias</c>: the API key's alias, when <see cref="ApiKeyAlias"/> is absent (LiteLLM's name).</summary>
    public const string KeyAlias = "key_alias";
    /// <summary><c>tags</c>: comma-separated tags.</summary>
    public const string Tags = "tags";

    /// <summary>The subjects of a call, in the order global, user, team, key alias, key digest, tags (duplicates removed).</summary>
    internal static List<BudgetSubject> SubjectsOf(string? user, IDictionary<string, string>? metadata, string? apiKey)
    {
        var subjects = new List<BudgetSubject> { BudgetSubject.Global };
        if (Valid(user)) subjects.Add(BudgetSubject.User(user!));
        if ((Get(metadata, TeamId) ?? Get(metadata, Team)) is { } team) subjects.Add(BudgetSubject.Team(team));
        if ((Get(metadata, ApiKeyAlias) ?? Get(metadata, KeyAlias)) is { } alias) subjects.Add(BudgetSubject.KeyAlias(alias));
        if (!string.IsNullOrEmpty(apiKey)) subjects.Add(BudgetSubject.ApiKey(apiKey));
        if (Get(metadata, Tags) is { } tags)
            foreach (var tag in tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (Valid(tag)) subjects.Add(BudgetSubject.Tag(tag));
        return subjects.Distinct().ToList();
    }

    private static string? Get(IDictionary<string, string>? metadata, string key)
        => metadata is not null && metadata.TryGetValue(key, out var v) && Valid(v) ? v.Trim() : null;

    private static bool Valid(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= BudgetSubject.MaxIdLength;
}
