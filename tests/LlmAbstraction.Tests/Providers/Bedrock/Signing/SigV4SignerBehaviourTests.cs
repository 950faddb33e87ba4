using System.Text;
using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

public class SigV4SignerBehaviourTests
{
    private static readonly DateTimeOffset Time = new(2024, 6, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly AwsCredentials TokenCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN/+=");

    private static HttpRequestMessage BedrockPost(string modelId, string operation = "converse") =>
        new(HttpMethod.Post, $"https://bedrock-runtime.us-east-1.amazonaws.com/model/{Uri.EscapeDataString(modelId)}/{operation}")
        {
            Content = new StringContent("""{"messages":[]}""", Encoding.UTF8, "application/json"),
        };

    private static async Task<SigV4SigningResult> SignAsync(HttpRequestMessage request, AwsSigV4SigningOptions options, AwsCredentials credentials)
    {
        var signable = await SigV4HttpRequestReader.ReadAsync(request, CancellationToken.None);
        return new AwsSigV4Signer(options).Sign(signable, credentials, Time);
    }

    private static AwsSigV4SigningOptions Bedrock(Action<AwsSigV4SigningOptions>? configure = null)
    {
        var options = new AwsSigV4SigningOptions { Region = "us-east-1" };
        configure?.Invoke(options);
        return options;
    }

    [TestCase("anthropic.claude-3-haiku-20240307-v1:0", "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse")]
    [TestCase("anthropic.claude-3-5-sonnet-20240620-v1:0", "/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse")]
    [TestCase("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
        "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.amazon.nova-pro-v1%253A0/converse")]
    public async Task Sigv4_double_encodes_bedrock_model_id_in_canonical_uri(string modelId, string expectedCanonicalUri)
    {
        using var request = BedrockPost(modelId);
        Assert.That(request.RequestUri!.AbsolutePath, Does.Contain("%3A"), "the wire path keeps the single encoding");

        var result = await SignAsync(request, Bedrock(), Credentials);

        Assert.That(result.CanonicalRequest.Split('\n')[1], Is.EqualTo(expectedCanonicalUri));
    }

    [Test]
    public async Task Sigv4_scope_uses_bedrock_service_name_by_default()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        var result = await SignAsync(request, Bedrock(), Credentials);
        Assert.That(result.StringToSign.Split('\n')[2], Is.EqualTo("20240620/us-east-1/bedrock/aws4_request"));
    }

    [Test]
    public async Task Sigv4_signs_session_token_header_by_default()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        await new AwsSigV4Signer(Bedrock()).SignAsync(request, TokenCredentials, Time);

        Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Single(), Is.EqualTo("TOKEN/+="));
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Contain("SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token,"));
    }

    [Test]
    public async Task Sigv4_adds_unsigned_session_token_when_omit_session_token()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        await new AwsSigV4Signer(Bedrock(o => o.OmitSessionToken = true)).SignAsync(request, TokenCredentials, Time);

        Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Single(), Is.EqualTo("TOKEN/+="));
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Contain("SignedHeaders=content-length;content-type;host;x-amz-date,"));
    }

    [Test]
    public async Task Sigv4_sign_body_adds_signed_content_sha256_header()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        await new AwsSigV4Signer(Bedrock(o => o.SignBody = true)).SignAsync(request, Credentials, Time);

        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""{"messages":[]}"""u8));
        Assert.That(request.Headers.GetValues("x-amz-content-sha256").Single(), Is.EqualTo(expectedHash));
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Contain(";x-amz-content-sha256;x-amz-date,"));
    }

    [Test]
    public async Task Sigv4_resigning_a_retried_request_replaces_previous_signature()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        var signer = new AwsSigV4Signer(Bedrock());
        await signer.SignAsync(request, TokenCredentials, Time);
        var first = request.Headers.GetValues("Authorization").Single();

        await signer.SignAsync(request, TokenCredentials, Time.AddSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("Authorization").Single(), Is.Not.EqualTo(first));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20240620T120005Z"));
            Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Sigv4_does_not_sign_user_agent_or_trace_headers()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        request.Headers.UserAgent.ParseAdd("LlmAbstraction/1.0");
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "Root=1-abc");
        var result = await SignAsync(request, Bedrock(), Credentials);
        Assert.That(result.Authorization, Does.Contain("SignedHeaders=content-length;content-type;host;x-amz-date,"));
    }

    [Test]
    public async Task Sigv4_includes_non_default_port_in_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8123/a?b=c");
        var result = await SignAsync(request, Bedrock(), Credentials);
        Assert.That(result.CanonicalRequest, Does.Contain("\nhost:127.0.0.1:8123\n"));
    }

    [Test]
    public void Sigv4_rejects_relative_request_uri()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/model/x/converse");
        Assert.That(() => new AwsSigV4Signer(Bedrock()).SignAsync(request, Credentials, Time), Throws.ArgumentException);
    }

    [Test]
    public void Sigv4_signer_requires_region() =>
        Assert.That(() => new AwsSigV4Signer(new AwsSigV4SigningOptions()), Throws.ArgumentException);

    [Test]
    public void Sigv4_honours_cancellation_while_reading_body()
    {
        using var request = BedrockPost("amazon.nova-lite-v1:0");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => new AwsSigV4Signer(Bedrock()).SignAsync(request, Credentials, Time, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Signing_key_derivation_matches_documented_intermediate_key()
    {
        // kSigning for the suite's credentials on 20150830/us-east-1/service (SOURCES.md cross-check, also in AWS docs).
        var key = SigV4SigningKeyCache.Derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service");
        Assert.That(Convert.ToHexStringLower(key), Is.EqualTo("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"));
    }
}
