namespace LlmAbstraction.Providers.Bedrock.Signing;

/// <summary>Removes empty, <c>.</c> and <c>..</c> segments from a path (RFC 3986 section 5.2.4, plus collapsing <c>//</c>).</summary>
internal static class SigV4PathNormalizer
{
    public static string Normalize(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            return "/";
        }

        var trailingSlash = path.EndsWith('/');
        return "/" + string.Join('/', segments) + (trailingSlash ? "/" : string.Empty);
    }
}
