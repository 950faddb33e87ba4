using System.Text;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>Parses the raw HTTP/1.1 requests of the SigV4 test suite (<c>.req</c> / <c>request.txt</c>).</summary>
internal sealed record RawHttpRequest(string Method, string Path, string Query, List<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static RawHttpRequest Parse(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? [] : Encoding.UTF8.GetBytes(text[(split + 2)..]);
        var lines = head.Split('\n');

        // The request target may contain raw spaces ("GET /example space/ HTTP/1.1").
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ')];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var question = target.IndexOf('?');
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                // Obsolete line folding (RFC 7230 3.2.4): a continuation joins the previous value with a space.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new RawHttpRequest(method, path, query, headers, body);
    }

    public RawHttpRequest WithHeader(string name, string? value)
    {
        var headers = Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (value is not null)
        {
            headers.Add(new(name, value));
        }

        return this with { Headers = headers };
    }

    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()).FirstOrDefault();
}
