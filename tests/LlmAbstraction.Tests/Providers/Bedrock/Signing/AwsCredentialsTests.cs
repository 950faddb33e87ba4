using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

public class AwsCredentialsTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Test]
    public void ToString_never_reveals_secret_or_session_token()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", Secret, "SESSION-TOKEN-VALUE").ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("AKIDEXAMPLE"));
            Assert.That(text, Does.Not.Contain(Secret));
            Assert.That(text, Does.Not.Contain("SESSION-TOKEN-VALUE"));
        });
    }

    [TestCase(null, Secret)]
    [TestCase("AKIDEXAMPLE", "")]
    [TestCase(" ", Secret)]
    public void Constructor_rejects_missing_keys(string? keyId, string secret) =>
        Assert.That(() => new AwsCredentials(keyId!, secret), Throws.InstanceOf<ArgumentException>());

    [Test]
    public void FromEnvironment_reads_keys_and_optional_token()
    {
        var env = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = Secret, ["AWS_SESSION_TOKEN"] = "tok",
        };
        var credentials = AwsCredentials.FromEnvironment(name => env.GetValueOrDefault(name));
        Assert.That(credentials, Is.Not.Null);
        Assert.That((credentials!.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), Is.EqualTo(("AKIDEXAMPLE", Secret, "tok")));
    }

    [Test]
    public void FromEnvironment_returns_null_when_secret_absent() =>
        Assert.That(AwsCredentials.FromEnvironment(name => name == "AWS_ACCESS_KEY_ID" ? "AKIDEXAMPLE" : null), Is.Null);

    [Test]
    public void FromEnvironment_treats_empty_session_token_as_none()
    {
        var env = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = Secret, ["AWS_SESSION_TOKEN"] = "" };
        Assert.That(AwsCredentials.FromEnvironment(name => env.GetValueOrDefault(name))!.SessionToken, Is.Null);
    }

    [TestCase("eu-west-1", "us-east-1", ExpectedResult = "eu-west-1")]
    [TestCase(null, "us-east-1", ExpectedResult = "us-east-1")]
    [TestCase("", "ap-south-1", ExpectedResult = "ap-south-1")]
    [TestCase(null, null, ExpectedResult = null)]
    public string? RegionFromEnvironment_prefers_aws_region(string? region, string? defaultRegion) =>
        AwsCredentials.RegionFromEnvironment(name => name switch
        {
            "AWS_REGION" => region,
            "AWS_DEFAULT_REGION" => defaultRegion,
            _ => null,
        });
}
