using LlmAbstraction.Tests.TestSupport;

namespace LlmAbstraction.Tests.Providers.Bedrock.Signing;

/// <summary>Replays every case of both copies of the official AWS SigV4 test suite in ../shared byte for byte.</summary>
public class SigV4OfficialSuiteTests
{
    // Folded (obs-fold) header lines: the 2015 .creq joins them with ',' while aws-c-auth (RFC 7230 3.2.4) replaces the
    // fold with one space. We follow aws-c-auth; the aws-c-auth copy of this case is exercised.
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["aws-sig-v4-test-suite-2015/aws-sig-v4-test-suite/get-header-value-multiline"] =
            "obsolete line folding: 2015 variant joins folded lines with ',', we follow aws-c-auth (single space)",
    };

    [Test]
    public void Sigv4_reproduces_every_aws_c_auth_case_exactly() => RunSuite("aws-c-auth-v4", expectedCases: 38);

    [Test]
    public void Sigv4_reproduces_every_2015_suite_case_exactly() =>
        RunSuite("aws-sig-v4-test-suite-2015", expectedCases: 31);

    private static void RunSuite(string folder, int expectedCases)
    {
        var sigv4Root = SharedFixtures.RequireDir("fixtures/sigv4");
        var suiteRoot = Path.Combine(sigv4Root, folder);
        var caseDirs = SigV4Case.FindCaseDirectories(suiteRoot).ToList();
        var failures = new List<string>();
        int exercised = 0, skipped = 0;
        foreach (var dir in caseDirs)
        {
            var relative = Path.GetRelativePath(sigv4Root, dir).Replace('\\', '/');
            if (Skipped.TryGetValue(relative, out var reason))
            {
                TestContext.Out.WriteLine($"skipped {relative}: {reason}");
                skipped++;
                continue;
            }

            try
            {
                failures.AddRange(SigV4CaseRunner.Run(SigV4Case.Load(dir)));
            }
            catch (Exception ex)
            {
                failures.Add($"{relative}: threw {ex}");
            }

            exercised++;
        }

        var expectedSkips = Skipped.Keys.Count(k => k.StartsWith(folder + "/", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(caseDirs, Has.Count.EqualTo(expectedCases), "case folders found");
            Assert.That(skipped, Is.EqualTo(expectedSkips), "skipped cases");
            Assert.That(exercised, Is.EqualTo(expectedCases - expectedSkips), "cases exercised");
            Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
        });
    }
}
