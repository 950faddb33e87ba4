using System.Text;
using System.Text.Json;
using LlmAbstraction.Providers.Bedrock.EventStream;

namespace LlmAbstraction.Tests.Providers.Bedrock.EventStream;

/// <summary>Compares decoded messages with the two expectation formats of the fixtures.</summary>
internal static class EventStreamExpectations
{
    /// <summary><c>.events.jsonl</c>: one line per frame (offset, lengths, CRCs as hex, string headers, payload text).</summary>
    public static void AssertMatchesJsonl(IReadOnlyList<EventStreamMessage> messages, string jsonlPath, string context)
    {
        var lines = File.ReadAllLines(jsonlPath).Where(l => l.Length > 0).ToList();
        Assert.That(messages, Has.Count.EqualTo(lines.Count), $"{context}: frame count");
        long offset = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            using var expected = JsonDocument.Parse(lines[i]);
            var e = expected.RootElement;
            var m = messages[i];
            var where = $"{context} frame {i}";
            Assert.That(offset, Is.EqualTo(e.GetProperty("offset").GetInt64()), where + " offset");
            Assert.That(m.TotalLength, Is.EqualTo(e.GetProperty("total_length").GetInt32()), where + " total_length");
            Assert.That(m.HeadersLength, Is.EqualTo(e.GetProperty("headers_length").GetInt32()), where + " headers_length");
            Assert.That(m.PreludeCrc.ToString("x8"), Is.EqualTo(e.GetProperty("prelude_crc").GetString()), where + " prelude_crc");
            Assert.That(m.MessageCrc.ToString("x8"), Is.EqualTo(e.GetProperty("message_crc").GetString()), where + " message_crc");
            var expectedHeaders = e.GetProperty("headers").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
            Assert.That(m.Headers.Select(h => (h.Name, (string?)h.AsString())), Is.EqualTo(expectedHeaders), where + " headers");
            Assert.That(Encoding.UTF8.GetString(m.Payload.Span), Is.EqualTo(e.GetProperty("payload").GetString()), where + " payload");
            offset += m.TotalLength;
        }
    }

    /// <summary>aws-sdk-go <c>decoded/positive/*</c> JSON: signed CRCs, typed headers, base64 strings/bytes/uuid/payload.</summary>
    public static void AssertMatchesDecodedVector(EventStreamMessage m, string jsonPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var e = expected.RootElement;
        var name = Path.GetFileName(jsonPath);
        Assert.That(m.TotalLength, Is.EqualTo(e.GetProperty("total_length").GetInt32()), name + " total_length");
        Assert.That(m.HeadersLength, Is.EqualTo(e.GetProperty("headers_length").GetInt32()), name + " headers_length");
        Assert.That(m.PreludeCrc, Is.EqualTo(unchecked((uint)e.GetProperty("prelude_crc").GetInt32())), name + " prelude_crc");
        Assert.That(m.MessageCrc, Is.EqualTo(unchecked((uint)e.GetProperty("message_crc").GetInt32())), name + " message_crc");
        Assert.That(Convert.ToBase64String(m.Payload.Span), Is.EqualTo(e.GetProperty("payload").GetString()), name + " payload");
        var headers = e.GetProperty("headers").EnumerateArray().ToList();
        Assert.That(m.Headers, Has.Count.EqualTo(headers.Count), name + " header count");
        for (var i = 0; i < headers.Count; i++)
        {
            var h = m.Headers[i];
            var value = headers[i].GetProperty("value");
            Assert.That(h.Name, Is.EqualTo(headers[i].GetProperty("name").GetString()), $"{name} header {i} name");
            Assert.That((int)h.Type, Is.EqualTo(headers[i].GetProperty("type").GetInt32()), $"{name} header {h.Name} type");
            object actual = h.Type switch
            {
                EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => h.AsBoolean(),
                EventStreamHeaderType.ByteArray => Convert.ToBase64String(h.AsBytes().Span),
                EventStreamHeaderType.String => Convert.ToBase64String(Encoding.UTF8.GetBytes(h.AsString())),
                EventStreamHeaderType.Uuid => Convert.ToBase64String(h.AsGuid().ToByteArray(bigEndian: true)),
                _ => h.AsInt64(),
            };
            object wanted = value.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                JsonValueKind.String => value.GetString()!,
                _ => value.GetInt64(),
            };
            Assert.That(actual, Is.EqualTo(wanted), $"{name} header {h.Name} value");
        }
    }
}
