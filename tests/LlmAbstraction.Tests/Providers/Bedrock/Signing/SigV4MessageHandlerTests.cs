using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmAbstraction.Providers.Bedrock.Signing;
using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>Signs through a real HttpClient and verifies, from the exact bytes on a loopback socket, what AWS would verify.</summary>
public class SigV4MessageHandlerTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN");

    [Test]
    public async Task Handler_signature_verifies_against_the_bytes_on_the_wire()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var signer = new AwsSigV4Signer(new AwsSigV4SigningOptions { Region = "us-west-2" });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // safety net against a hang only
        using var client = new HttpClient(new SigV4MessageHandler(signer, Credentials, time) { InnerHandler = new SocketsHttpHandler() });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LlmAbstraction-tests/1.0");

        var serverTask = ReceiveOneRequestAsync(listener, cts.Token);
        using var response = await client.PostAsync($"http://127.0.0.1:{port}/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
            new StringContent("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""", Encoding.UTF8, "application/json"), cts.Token);
        var wire = RawHttpRequest.Parse(await serverTask);

        // Verify like the service: recompute over the wire request restricted to the signed headers.
        var authorization = wire.Header("Authorization")!;
        var signedNames = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var signedOnly = wire with { Headers = wire.Headers.Where(h => signedNames.Contains(h.Key.ToLowerInvariant())).ToList() };
        var recomputed = signer.Sign(SigV4Case.ToSignable(signedOnly), Credentials, time.GetUtcNow());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(wire.Path, Is.EqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"));
            Assert.That(wire.Header("X-Amz-Date"), Is.EqualTo("20250304T050607Z"));
            Assert.That(signedNames, Is.EqualTo(new[] { "content-length", "content-type", "host", "x-amz-date", "x-amz-security-token" }));
            Assert.That(recomputed.Authorization, Is.EqualTo(authorization));
            Assert.That(recomputed.CanonicalRequest.Split('\n')[1], Is.EqualTo("/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse"));
        });
    }

    [Test]
    public async Task Handler_asks_credentials_provider_for_every_request()
    {
        var calls = 0;
        var signer = new AwsSigV4Signer(new AwsSigV4SigningOptions { Region = "us-east-1" });
        var terminal = new CapturingHandler();
        using var invoker = new HttpMessageInvoker(new SigV4MessageHandler(signer, _ =>
        {
            calls++;
            return ValueTask.FromResult(new AwsCredentials("AKID" + calls, "secret"));
        }, new FakeTimeProvider()) { InnerHandler = terminal });

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://bedrock-runtime.us-east-1.amazonaws.com/");
            using var response = await invoker.SendAsync(request, CancellationToken.None);
        }

        Assert.That(terminal.Authorizations, Has.Count.EqualTo(2));
        Assert.That(terminal.Authorizations[1], Does.StartWith("AWS4-HMAC-SHA256 Credential=AKID2/"));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.GetValues("Authorization").Single());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static async Task<byte[]> ReceiveOneRequestAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var socket = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = socket.GetStream();
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int headerEnd = -1, contentLength = 0;
        while (headerEnd < 0 || buffer.Length < headerEnd + contentLength)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
            var text = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            if (headerEnd < 0 && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
            {
                headerEnd = end + 4;
                var line = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                contentLength = line is null ? 0 : int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
        return buffer.ToArray();
    }
}
