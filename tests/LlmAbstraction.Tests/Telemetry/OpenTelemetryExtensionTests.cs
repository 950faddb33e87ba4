using System.Diagnostics;
using LlmAbstraction.Tests.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmAbstraction.Tests.Telemetry;

[NonParallelizable]
public class OpenTelemetryExtensionTests
{
    [Test]
    public async Task AddLlmAbstractionInstrumentation_exports_the_spans_and_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddLlmAbstractionInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddLlmAbstractionInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            var client = new LlmClientBuilder().UseEnvironment(_ => null).Build();
            await client.CompletionAsync("mock/test", "hello");
            meter!.ForceFlush();
        }
        Assert.That(spans.Select(s => s.DisplayName), Has.Some.EqualTo("chat mock/test"));
        Assert.That(metrics.Select(m => m.Name), Has.Some.EqualTo("gen_ai.client.operation.duration").And.Some.EqualTo("gen_ai.client.token.usage"));
    }
}
