using LlmAbstraction.Budgets;
using LlmAbstraction.Pipeline;
using LlmAbstraction.Pricing;
using LlmAbstraction.Providers;
using LlmAbstraction.Resilience;
using LlmAbstraction.Callbacks;
using LlmAbstraction.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LlmAbstraction.Routing;
using Microsoft.Extensions.Options;

namespace LlmAbstraction;

/// <summary>
/// Builds an <see cref="ILlmClient"/> without dependency injection (DI users call
/// <c>services.AddLlmClient()</c>, which uses this builder too).
/// </summary>
/// <example><code>
/// var client = new LlmClientBuilder().Configure(o => o.Aliases["fast"] = "anthropic/claude-haiku-4-5").Build();
/// </code></example>
/// <remarks>Not thread-safe; build once and share the client.</remarks>
public sealed partial class LlmClientBuilder
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateDefaultHttpClient);
    private readonly List<Func<LlmHandler, LlmHandler>> _stages = [];
    private Func<HttpClient>? _httpClient;
    private TimeProvider _time = TimeProvider.System;
    private ProviderRegistry? _registry;
    private IModelInfoProvider _modelInfo = ModelCatalog.Default;
    private Func<string, string?>? _environment;
    private Func<double>? _random;
    private readonly List<ILlmCallback> _callbacks = [];
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    /// <summary>Starts from default options.</summary>
    public LlmClientBuilder() : this(new LlmClientOptions()) { }

    /// <summary>Starts from the given options.</summary>
    public LlmClientBuilder(LlmClientOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The options being built.</summary>
    public LlmClientOptions Options { get; }

    /// <summary>Changes the options.</summary>
    public LlmClientBuilder Configure(Action<LlmClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Uses this clock (tests pass a <c>FakeTimeProvider</c>).</summary>
    public LlmClientBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Uses this HttpClient for every provider call. Its own timeout should be infinite: the client applies its timeouts.</summary>
    public LlmClientBuilder UseHttpClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = () => httpClient;
        return this;
    }

    /// <summary>Gets an HttpClient per call from this source (e.g. IHttpClientFactory).</summary>
    public LlmClientBuilder UseHttpClientSource(Func<HttpClient> httpClientSource)
    {
        _httpClient = httpClientSource ?? throw new ArgumentNullException(nameof(httpClientSource));
        return this;
    }

    /// <summary>Uses this provider registry instead of the default one.</summary>
    public LlmClientBuilder UseProviders(ProviderRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        return this;
    }

    /// <summary>Registers (or replaces) one provider.</summary>
    public LlmClientBuilder AddProvider(ProviderDescriptor descriptor)
    {
        (_registry ??= ProviderRegistry.CreateDefault()).Register(descriptor);
        return this;
    }

    /// <summary>Uses this source of model limits.</summary>
    public LlmClientBuilder UseModelInfo(IModelInfoProvider modelInfo)
    {
        _modelInfo = modelInfo ?? throw new ArgumentNullException(nameof(modelInfo));
        return this;
    }

    /// <summary>Reads environment variables (keys, <c>os.environ/NAME</c>) through this function instead of the process environment.</summary>
    public LlmClientBuilder UseEnvironment(Func<string, string?> environment)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        return this;
    }

    /// <summary>Uses this source of randomness in [0, 1) for retry jitter (tests pass a constant).</summary>
    public LlmClientBuilder UseRandom(Func<double> random)
    {
        _random = random ?? throw new ArgumentNullException(nameof(random));
        return this;
    }

    /// <summary>Adds a callback that receives one event per call (and per attempt), off the call path.</summary>
    public LlmClientBuilder AddCallback(ILlmCallback callback)
    {
        _callbacks.Add(callback ?? throw new ArgumentNullException(nameof(callback)));
        return this;
    }

    /// <summary>Logs through this factory (default: nothing is logged). The library never writes to the console.</summary>
    public LlmClientBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Adds a pipeline stage. Stages added first are outermost; all run before the built-in telemetry → budget → cost → cache → fallback → retry → router → provider stages.</summary>
    public LlmClientBuilder Use(Func<LlmHandler, LlmHandler> stage)
    {
        _stages.Add(stage ?? throw new ArgumentNullException(nameof(stage)));
        return this;
    }

    /// <summary>Validates the options (all errors at once) and builds the client.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ILlmClient Build()
    {
        var validation = new LlmClientOptionsValidator().Validate(null, Options);
        if (validation.Failed) throw new OptionsValidationException(nameof(LlmClientOptions), typeof(LlmClientOptions), validation.Failures);

        var registry = _registry ?? ProviderRegistry.CreateDefault();
        var transport = new LlmHttpTransport(_httpClient ?? (static () => SharedHttpClient.Value), _time);
        var resolver = new ModelResolver(registry, Options.Aliases);
        var catalog = new ProviderCatalog(registry, resolver, d => new ProviderServices
        {
            Transport = transport,
            TimeProvider = _time,
            ModelInfo = _modelInfo,
            Options = Options,
            Descriptor = d,
            Environment = _environment ?? System.Environment.GetEnvironmentVariable,
        });
        LlmHandler pipeline = new ProviderDispatchHandler(catalog, new EndpointResolver(Options, _environment), Options);
        BuiltRouter = BuildRouter(resolver);
        if (BuiltRouter is { } router) pipeline = new RouterStage(pipeline, router);
        pipeline = new RetryStage(pipeline, Options.Resilience, _time, _random);
        pipeline = new FallbackStage(pipeline, Options.Resilience);
        if (Options.Cache.Enabled) pipeline = BuildCacheStage(pipeline, resolver);
        pipeline = new CostStage(pipeline, _modelInfo is ModelCatalog models ? new CostCalculator(models) : CostCalculator.Default);
        if (_budgets is not null)
        {
            var estimator = new BudgetCostEstimator(_modelInfo as ModelCatalog ?? ModelCatalog.Default, resolver, _budgetOptions!);
            pipeline = new BudgetStage(pipeline, _budgets, estimator, _budgetOptions!, _loggerFactory.CreateLogger("LlmAbstraction.Budgets"));
        }
        var callbacks = _callbacks.Count == 0 ? null
            : new CallbackDispatcher(_callbacks.ToArray(), Options.Telemetry.CallbackQueueCapacity, _loggerFactory.CreateLogger("LlmAbstraction.Callbacks"));
        if (!OmitTelemetryStage)
            pipeline = new TelemetryStage(pipeline, resolver, Options.Telemetry, callbacks, _loggerFactory.CreateLogger("LlmAbstraction"));
        for (var i = _stages.Count - 1; i >= 0; i--) pipeline = _stages[i](pipeline);
        return new LlmClient(pipeline, Options, _time, callbacks);
    }

    /// <summary>Builds the pipeline without its telemetry stage: the benchmarks' "telemetry compiled out" arm. Never set in production.</summary>
    internal bool OmitTelemetryStage { get; set; }

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
