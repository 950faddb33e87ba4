using System.Security.Cryptography;
using System.Text;

namespace LlmAbstraction.Budgets;

/// <summary>What a budget is attached to.</summary>
public enum BudgetSubjectKind
{
    /// <summary>Every call of the client.</summary>
    Global = 0,
    /// <summary>An end user (<see cref="ChatCompletionRequest.User"/>).</summary>
    User,
    /// <summary>A team (request metadata <c>team_id</c> or <c>team</c>).</summary>
    Team,
    /// <summary>An API key: by alias (metadata <c>api_key_alias</c>/<c>key_alias</c>) or by the hash of the key itself.</summary>
    Key,
    /// <summary>A tag (request metadata <c>tags</c>, comma-separated).</summary>
    Tag,
}

/// <summary>
/// The owner of a budget: the global budget, a user, a team, an API key or a tag. Written
/// <c>kind:id</c> (<c>user:alice</c>, <c>team:platform</c>, <c>global:*</c>).
/// </summary>
/// <remarks>
/// A raw API key is never stored or shown: <see cref="ApiKey"/> keeps only a SHA-256 digest of it.
/// Ids are compared ordinally (case-sensitive).
/// </remarks>
public sealed record BudgetSubject
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxIdLength = 512;

    private BudgetSubject(BudgetSubjectKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>The kind of owner.</summary>
    public BudgetSubjectKind Kind { get; }

    /// <summary>The owner's id (<c>*</c> for the global budget; <c>sha256:…</c> for a hashed API key).</summary>
    public string Id { get; }

    /// <summary>The global budget, charged by every call.</summary>
    public static BudgetSubject Global { get; } = new(BudgetSubjectKind.Global, "*");

    /// <summary>An end user's budget.</summary>
    public static BudgetSubject User(string id) => new(BudgetSubjectKind.User, Check(id));

    /// <summary>A team's budget.</summary>
    public static BudgetSubject Team(string id) => new(BudgetSubjectKind.Team, Check(id));

    /// <summary>A tag's budget.</summary>
    public static BudgetSubject Tag(string tag) => new(BudgetSubjectKind.Tag, Check(tag));

    /// <summary>An API key's budget, named by its (non-secret) alias.</summary>
    public static BudgetSubject KeyAlias(string alias) => new(BudgetSubjectKind.Key, Check(alias));

    /// <summary>An API key's budget, named by the key itself: only a SHA-256 digest of the key is kept.</summary>
    public static BudgetSubject ApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return new(BudgetSubjectKind.Key, "sha256:" + Convert.ToHexStringLower(digest));
    }

    /// <summary>Reads the <c>kind:id</c> form (<c>user:alice</c>, <c>global</c> or <c>global:*</c>).</summary>
    /// <exception cref="FormatException">The text is not a subject.</exception>
    public static BudgetSubject Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text is "global" or "global:*") return Global;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"'{Shorten(text)}' is not a budget subject; expected 'kind:id' with kind global, user, team, key or tag.");
        var id = text[(colon + 1)..];
        return text[..colon].ToLowerInvariant() switch
        {
            "user" => User(id),
            "team" => Team(id),
            "key" => new(BudgetSubjectKind.Key, Check(id)),
            "tag" => Tag(id),
            var other => throw new FormatException($"Unknown budget subject kind '{Shorten(other)}'; expected global, user, team, key or tag."),
        };
    }

    /// <summary>The <c>kind:id</c> form, also used as the store key.</summary>
    public override string ToString() => string.Concat(KindName(Kind), ":", Id);

    internal static string KindName(BudgetSubjectKind kind) => kind switch
    {
        BudgetSubjectKind.Global => "global",
        BudgetSubjectKind.User => "user",
        BudgetSubjectKind.Team => "team",
        BudgetSubjectKind.Key => "key",
        BudgetSubjectKind.Tag => "tag",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown budget subject kind."),
    };

    private static string Check(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Length > MaxIdLength) throw new ArgumentException($"A budget subject id is at most {MaxIdLength} characters.", nameof(id));
        return id;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
