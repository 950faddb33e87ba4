namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Reads fixtures we wrote ourselves (tests/LlmAbstraction.Tests/Fixtures), copied to the output folder.</summary>
public static class OwnFixtures
{
    public static string Path(string relative) => System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));
}
