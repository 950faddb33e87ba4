using System.Text;

namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>Builds the SigV4 canonical URI, query string and headers.</summary>
internal static class SigV4Canonicalizer
{
    // Hop-by-hop or proxy-rewritten headers that AWS SDKs never sign.
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding", "keep-alive",
        "proxy-authorization", "te", "upgrade",
    };

    /// <summary>Encodes each segment of the wire path again (double encoding, as every service but S3 expects).</summary>
    public static void AppendUri(StringBuilder builder, string path, bool normalize)
    {
        if (normalize)
        {
            path = SigV4PathNormalizer.Normalize(path);
        }
        else if (path.Length == 0)
        {
            path = "/";
        }

        SigV4UriEncoder.Append(builder, path, encodeSlash: false);
    }

    public static void AppendQuery(StringBuilder builder, string query)
    {
        if (query.Length == 0)
        {
            return;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((SigV4UriEncoder.EncodeQueryComponent(key), SigV4UriEncoder.EncodeQueryComponent(value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        for (var i = 0; i < pairs.Count; i++)
        {
            builder.Append(i == 0 ? "" : "&").Append(pairs[i].Key).Append('=').Append(pairs[i].Value);
        }
    }

    /// <summary>Appends <c>name:value\n</c> lines and returns the signed-headers list.</summary>
    public static string AppendHeaders(StringBuilder builder, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var merged = new SortedDictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (Unsigned.Contains(name))
            {
                continue;
            }

            var key = name.Trim().ToLowerInvariant();
            if (merged.TryGetValue(key, out var existing))
            {
                AppendTrimmed(existing.Append(','), value);
            }
            else
            {
                merged[key] = AppendTrimmed(new StringBuilder(value.Length), value);
            }
        }

        foreach (var (name, value) in merged)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return string.Join(';', merged.Keys);
    }

    /// <summary>Trims the value and collapses every run of whitespace (including folded lines) into one space.</summary>
    private static StringBuilder AppendTrimmed(StringBuilder builder, string value)
    {
        var pendingSpace = false;
        var start = builder.Length;
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = builder.Length > start;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder;
    }
}
