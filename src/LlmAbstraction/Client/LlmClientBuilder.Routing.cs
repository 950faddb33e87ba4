using LlmAbstraction.Providers;
using LlmAbstraction.Routing;
using LlmAbstraction.Routing.Strategies;
using Microsoft.Extensions.Options;

namespace LlmAbstraction;

// Router configuration: model groups, strategies and shared router state.
public sealed partial class LlmClientBuilder
{
    private RouterOptions? _router;
    private IRouterStateStore? _routerState;
    private IRoutingStrategy? _routingStrategy;
    private IModelPriceSource _prices = NoModelPrices.Instance;
    private Func<double>? _routerRandom;

    /// <summary>Routes model groups to deployments with these router options (replacing earlier ones).</summary>
    public LlmClientBuilder UseRouter(RouterOptions options)
    {
        _router = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Creates (first time) and changes the router options.</summary>
    public LlmClientBuilder UseRouter(Action<RouterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_router ??= new RouterOptions());
        return this;
    }

    /// <summary>The router options, when routing is configured.</summary>
    public RouterOptions? RouterOptions => _router;

    /// <summary>Keeps the router's state (cooldowns, usage, latency) in this store; default: an <see cref="InMemoryRouterStateStore"/> per client.</summary>
    public LlmClientBuilder UseRouterStateStore(IRouterStateStore store)
    {
        _routerState = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>Picks deployments with this strategy instead of the configured built-in one.</summary>
    public LlmClientBuilder UseRoutingStrategy(IRoutingStrategy strategy)
    {
        _routingStrategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        return this;
    }

    /// <summary>Asks this source for prices of deployments configured without <c>input_cost_per_token</c>/<c>output_cost_per_token</c> (cost-based routing).</summary>
    public LlmClientBuilder UseModelPrices(IModelPriceSource prices)
    {
        _prices = prices ?? throw new ArgumentNullException(nameof(prices));
        return this;
    }

    /// <summary>Uses this source of randomness in [0, 1) for the router's picks (tests pass a seeded one); default <see cref="Random.Shared"/>.</summary>
    public LlmClientBuilder UseRouterRandom(Func<double> random)
    {
        _routerRandom = random ?? throw new ArgumentNullException(nameof(random));
        return this;
    }

    /// <summary>The router of the last client built (tests and benchmarks inspect it).</summary>
    internal Router? BuiltRouter { get; private set; }

    private Router? BuildRouter(ModelResolver resolver)
    {
        if (_router is null || _router.Deployments.Count == 0) return null;
        var errors = _router.Validate().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(nameof(RouterOptions), typeof(RouterOptions), errors);
        var strategy = _routingStrategy ?? RoutingStrategies.Create(_router.Strategy, _router);
        var recordLatency = _routingStrategy is not null || _router.Strategy == Configuration.RoutingStrategy.LatencyBasedRouting;
        return new Router(_router, _routerState ?? new InMemoryRouterStateStore(), strategy, recordLatency, _time, _routerRandom ?? Random.Shared.NextDouble,
            d => d.MaxInputTokens ?? MaxInputTokens(resolver, d.Model), CostPerToken);
    }

    private int? MaxInputTokens(ModelResolver resolver, string model)
    {
        try
        {
            var resolved = resolver.Resolve(model);
            return _modelInfo.GetMaxInputTokens(resolved.Descriptor.Name, resolved.ProviderModel);
        }
        catch (LlmException)
        {
            return null; // an unresolvable model fails when called, with the resolver's message
        }
    }

    /// <summary>Deployment's own price, else the price source, else LiteLLM's 5.0 USD per token for unknown models (so they rank last).</summary>
    private decimal CostPerToken(Deployment d)
    {
        ModelPrice? known = _prices.TryGetPrice(d.Model, out var p) ? p : null;
        return (d.InputCostPerToken ?? known?.InputCostPerToken ?? 5.0m) + (d.OutputCostPerToken ?? known?.OutputCostPerToken ?? 5.0m);
    }
}
