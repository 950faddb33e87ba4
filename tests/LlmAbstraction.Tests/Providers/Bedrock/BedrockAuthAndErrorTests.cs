using System.Text.RegularExpressions;
using LlmAbstraction.Providers;
using LlmAbstraction.Providers.Bedrock;
using LlmAbstraction.Tests.TestSupport;
using static LlmAbstraction.Tests.Providers.Bedrock.BedrockTestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock;

/// <summary>Credentials (SigV4 from settings or environment, API key), the descriptor, and HTTP errors.</summary>
public partial class BedrockAuthAndErrorTests
{
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";
    private FakeProvider _fake = null!;

    [SetUp] public void SetUp() => _fake = new FakeProvider();
    [TearDown] public void TearDown() => _fake.Dispose();

    private static ChatCompletionRequest Hi => new() { Model = "bedrock/" + Model, Messages = [ChatMessage.User("hi")] };

    private void ReplyOk() => _fake.Reply(ModelPath(Model, "converse"), 200, OwnFixtures.Text("bedrock/converse-tool-use.response.json"));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250626/(?<region>[a-z0-9-]+)/bedrock/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationPattern();

    [Test]
    public async Task Bedrock_sigv4_authorization_is_well_formed_signs_the_session_token_and_recomputes_exactly()
    {
        ReplyOk();
        await Client(_fake, SigV4Settings(sessionToken: true)).CompletionAsync(Hi);

        var match = AuthorizationPattern().Match(Header(_fake, "Authorization"));
        Assert.That(match.Success, Is.True, Header(_fake, "Authorization"));
        Assert.That(match.Groups["region"].Value, Is.EqualTo(Region));
        Assert.That(match.Groups["signed"].Value.Split(';'), Is.SupersetOf(new[] { "content-type", "host", "x-amz-date", "x-amz-security-token" }));
        Assert.That(Header(_fake, "X-Amz-Date"), Is.EqualTo("20250626T120000Z"));
        Assert.That(Header(_fake, "X-Amz-Security-Token"), Is.EqualTo(SessionToken));
        Assert.That(Header(_fake, "Authorization"), Does.EndWith("Signature=" + RecomputeSignature(_fake, Model, "converse", Secret, Region)));
        Assert.That(_fake.LastRequestHeaders.Values.SelectMany(v => v).Any(v => v.Contains(Secret, StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task Bedrock_credentials_and_region_come_from_the_standard_environment_variables()
    {
        ReplyOk();
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = KeyId, ["AWS_SECRET_ACCESS_KEY"] = Secret, ["AWS_DEFAULT_REGION"] = "eu-west-3" };
        await Client(_fake, settings: [], environment: n => env.GetValueOrDefault(n)).CompletionAsync(Hi);

        Assert.That(AuthorizationPattern().Match(Header(_fake, "Authorization")).Groups["region"].Value, Is.EqualTo("eu-west-3"));
        Assert.That(Header(_fake, "Authorization"), Does.EndWith("Signature=" + RecomputeSignature(_fake, Model, "converse", Secret, "eu-west-3")));
        Assert.That(_fake.LastRequestHeaders.Keys, Has.None.EqualTo("X-Amz-Security-Token").IgnoreCase);
    }

    [Test]
    public async Task Bedrock_api_key_from_the_bearer_environment_variable_replaces_sigv4()
    {
        ReplyOk();
        var env = new Dictionary<string, string> { ["AWS_BEARER_TOKEN_BEDROCK"] = "ABSKbedrock-api-key-CANARY", ["AWS_REGION"] = "us-west-2" };
        await Client(_fake, settings: [], environment: n => env.GetValueOrDefault(n)).CompletionAsync(Hi);

        Assert.That(Header(_fake, "Authorization"), Is.EqualTo("Bearer ABSKbedrock-api-key-CANARY"));
        Assert.That(_fake.LastRequestHeaders.Keys, Has.None.EqualTo("X-Amz-Date").IgnoreCase);
    }

    [Test]
    public void Bedrock_without_credentials_raises_an_authentication_error_naming_the_variables_and_sends_nothing()
    {
        ReplyOk();
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () => await Client(_fake, settings: new() { ["aws_region_name"] = Region }).CompletionAsync(Hi));
        Assert.That(ex!.Message, Does.Contain("AWS_ACCESS_KEY_ID").And.Contain("AWS_SECRET_ACCESS_KEY").And.Contain("AWS_BEARER_TOKEN_BEDROCK"));
        Assert.That(ex.ErrorCode, Is.EqualTo("missing_aws_credentials"));
        Assert.That(_fake.RequestCount, Is.EqualTo(0));
    }

    [Test]
    public void Bedrock_half_configured_keys_are_refused_without_echoing_the_secret()
    {
        var ex = Assert.ThrowsAsync<AuthenticationException>(async () =>
            await Client(_fake, settings: new() { ["aws_secret_access_key"] = Secret, ["aws_region_name"] = Region }).CompletionAsync(Hi));
        Assert.That(ex!.Message, Does.Contain("aws_access_key_id"));
        Assert.That(ex.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public void Bedrock_without_a_region_says_where_to_set_it()
    {
        var ex = Assert.ThrowsAsync<BadRequestException>(async () =>
            await Client(_fake, settings: new() { ["aws_access_key_id"] = KeyId, ["aws_secret_access_key"] = Secret }).CompletionAsync(Hi));
        Assert.That(ex!.Message, Does.Contain("AWS_REGION").And.Contain("aws_region_name"));
    }

    [Test]
    public void Bedrock_descriptor_needs_no_api_key_and_is_registered_with_honest_capabilities()
    {
        Assert.That(ProviderRegistry.CreateDefault().TryGet("bedrock", out var d), Is.True);
        Assert.That(d!.RequiresApiKey, Is.False);
        Assert.That(d.ApiKeyEnvironmentVariables, Is.EqualTo(new[] { "AWS_BEARER_TOKEN_BEDROCK" }));
        Assert.That(d.Capabilities, Is.EqualTo(ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Tools
            | ProviderCapabilities.Vision | ProviderCapabilities.JsonSchema | ProviderCapabilities.Embeddings));
        Assert.That(BedrockProvider.Descriptor.DefaultApiBase, Is.EqualTo("https://bedrock-runtime.{region}.amazonaws.com"));
    }

    [TestCase(400, "ValidationException", "bedrock/error-400-input-too-long.json", typeof(ContextWindowExceededException))]
    [TestCase(429, "ThrottlingException", "bedrock/error-429-throttling.json", typeof(RateLimitException))]
    [TestCase(424, "ModelErrorException", "bedrock/error-424-model-error.json", typeof(InternalServerException))]
    public void Bedrock_http_errors_are_classified_from_status_error_type_header_and_message(int status, string type, string fixture, Type expected)
    {
        _fake.Reply(ModelPath(Model, "converse"), status, OwnFixtures.Text(fixture), headers: new Dictionary<string, string>
        {
            ["x-amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazon.bedrock/",
            ["x-amzn-RequestId"] = "ca47a5ce-e260-4824-aa0e-2e62669d5d6e",
        });
        var ex = Assert.CatchAsync<LlmException>(async () => await Client(_fake, SigV4Settings(sessionToken: true)).CompletionAsync(Hi));
        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.ErrorType, Is.EqualTo(type));
        Assert.That((int?)ex.StatusCode, Is.EqualTo(status));
        Assert.That(ex.ProviderRequestId, Is.EqualTo("ca47a5ce-e260-4824-aa0e-2e62669d5d6e"));
        Assert.That(ex.Message, Does.Contain(System.Text.Json.JsonDocument.Parse(OwnFixtures.Text(fixture)).RootElement.GetProperty("message").GetString()));
        Assert.That(ex.ToString(), Does.Not.Contain(Secret).And.Not.Contain(SessionToken));
    }

    [TestCase(503, "ServiceUnavailableException", typeof(ServiceUnavailableException))]
    [TestCase(408, "ModelTimeoutException", typeof(LlmTimeoutException))]
    [TestCase(403, "AccessDeniedException", typeof(PermissionDeniedException))]
    [TestCase(404, "ResourceNotFoundException", typeof(NotFoundException))]
    [TestCase(500, "InternalServerException", typeof(InternalServerException))]
    public void Bedrock_other_modeled_errors_keep_their_class(int status, string type, Type expected)
    {
        _fake.Reply(ModelPath(Model, "converse"), status, """{"message":"failure"}""", headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazon.bedrock/" });
        var ex = Assert.CatchAsync<LlmException>(async () => await Client(_fake).CompletionAsync(Hi));
        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.ErrorType, Is.EqualTo(type));
    }
}
