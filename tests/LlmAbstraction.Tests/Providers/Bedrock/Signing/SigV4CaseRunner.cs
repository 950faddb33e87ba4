using LlmAbstraction.Providers.Bedrock.Signing;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>Signs a <see cref="SigV4Case"/> and lists every difference from the expected suite output.</summary>
internal static class SigV4CaseRunner
{
    public static List<string> Run(SigV4Case testCase)
    {
        var signer = new AwsSigV4Signer(testCase.Options);
        var result = signer.Sign(SigV4Case.ToSignable(testCase.Request), testCase.Credentials, testCase.Time);
        var failures = new List<string>();
        Compare(failures, testCase.Name, "canonical request", testCase.ExpectedCanonicalRequest, result.CanonicalRequest);
        if (testCase.StringToSignRequest is { } variant)
        {
            result = signer.Sign(SigV4Case.ToSignable(variant), testCase.Credentials, testCase.Time);
        }

        Compare(failures, testCase.Name, "string to sign", testCase.ExpectedStringToSign, result.StringToSign);
        Compare(failures, testCase.Name, "signature", testCase.ExpectedSignature.Trim(), result.Signature);
        Compare(failures, testCase.Name, "authorization", testCase.ExpectedAuthorization.Trim(), result.Authorization);

        // Every header the signer sets must appear in the suite's signed request.
        var signedLines = testCase.SignedRequest.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var (name, value) in result.HeadersToSet)
        {
            if (!signedLines.Any(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) && l[(name.Length + 1)..].Trim() == value))
            {
                failures.Add($"{testCase.Name}: signed request lacks header {name}:{value}");
            }
        }

        return failures;
    }

    private static void Compare(List<string> failures, string name, string what, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            failures.Add($"{name}: {what} differs.\n--- expected\n{expected}\n--- actual\n{actual}");
        }
    }
}
