using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>LiteLLM <c>router_settings.routing_strategy_args</c>. Unset values take the strategy's default.</summary>
public sealed class RoutingStrategyArgs
{
    /// <summary><c>ttl</c>: how long usage or latency samples are kept.</summary>
    /// <value>Default null: 60 s for usage-based routing, 1 hour for latency-based routing.</value>
    public TimeSpan? Ttl { get; init; }

    /// <summary><c>lowest_latency_buffer</c>: pick randomly among deployments within (1 + buffer) × the lowest latency.</summary>
    /// <value>Default null (0: only the fastest).</value>
    public double? LowestLatencyBuffer { get; init; }

    /// <summary><c>max_latency_list_size</c>: latency samples averaged per deployment.</summary>
    /// <value>Default null (10).</value>
    public int? MaxLatencyListSize { get; init; }

    /// <summary>Every other key, as written (os.environ references resolved).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
