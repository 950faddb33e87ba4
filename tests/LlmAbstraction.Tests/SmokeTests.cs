namespace LlmAbstraction.Tests;

public class SmokeTests
{
    [Test]
    public void Library_assembly_loads() => Assert.That(typeof(LlmAbstraction.LlmException).Assembly.GetName().Name, Is.EqualTo("LlmAbstraction"));
}
