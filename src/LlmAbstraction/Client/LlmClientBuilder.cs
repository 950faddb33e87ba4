using LlmAbstraction.Pipeline;
using LlmAbstraction.Pricing;
using LlmAbstraction.Providers;
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
public sealed class LlmClientBuilder
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateDefaultHttpClient);
    private readonly List<Func<LlmHandler, LlmHandler>> _stages = [];
    private Func<HttpClient>? _httpClient;
    private TimeProvider _time = TimeProvider.System;
    private ProviderRegistry? _registry;
    private IModelInfoProvider _modelInfo = ModelCatalog.Default;
    private Func<string, string?>? _environment;

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

    /// <summary>Adds a pipeline stage. Stages added first are outermost; all run before the provider stage.</summary>
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
        });
        LlmHandler pipeline = new ProviderDispatchHandler(catalog, new EndpointResolver(Options, _environment), Options);
        for (var i = _stages.Count - 1; i >= 0; i--) pipeline = _stages[i](pipeline);
        pipeline = new CostStage(pipeline, _modelInfo is ModelCatalog models ? new CostCalculator(models) : CostCalculator.Default);
        return new LlmClient(pipeline, Options, _time);
    }

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
