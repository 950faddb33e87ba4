using System.Runtime.CompilerServices;
using LlmAbstraction.Budgets;
using LlmAbstraction.Pricing;
using LlmAbstraction.Providers;

namespace LlmAbstraction.Tests.Budgets;

/// <summary>An in-process provider named <c>scripted</c> that counts calls and answers with the usage it is told to report.</summary>
public sealed class ScriptedProvider : ILlmProvider
{
    public const decimal InputPrice = 0.000001m, OutputPrice = 0.000002m;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The usage reported for a request (default: 10 prompt tokens, 20 completion tokens).</summary>
    public Func<ChatCompletionRequest, Usage> Usage { get; set; } = _ => new Usage { PromptTokens = 10, CompletionTokens = 20, TotalTokens = 30 };

    /// <summary>When set, every call waits for it before answering.</summary>
    public Task? Gate { get; set; }

    /// <summary>Whether streams end with a usage chunk.</summary>
    public bool StreamUsage { get; set; } = true;

    public string Name => "scripted";

    /// <summary>A catalogue pricing <c>scripted/m</c> at $1 per million input tokens and $2 per million output tokens.</summary>
    public static ModelCatalog Catalog()
    {
        var catalog = ModelCatalog.CreateEmpty();
        catalog.Register("scripted/m", new ModelInfo { Key = "scripted/m", Provider = "scripted", Mode = "chat", InputCostPerToken = InputPrice, OutputCostPerToken = OutputPrice, MaxOutputTokens = 1000 });
        return catalog;
    }

    /// <summary>A client using this provider, the scripted catalogue and <paramref name="budgets"/>.</summary>
    public ILlmClient Client(IBudgetManager budgets, TimeProvider? time = null, Action<LlmClientBuilder>? configure = null)
    {
        var builder = new LlmClientBuilder()
            .UseEnvironment(_ => null)
            .UseModelInfo(Catalog())
            .AddProvider(new ProviderDescriptor { Name = "scripted", DefaultApiBase = "scripted://local", RequiresApiKey = false, Capabilities = ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings, Factory = _ => this })
            .Configure(o => o.Resilience.NumRetries = 0)
            .UseBudgets(budgets);
        if (time is not null) builder.UseTimeProvider(time);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The reservation the budget stage makes for <paramref name="request"/> on <c>scripted/m</c>.</summary>
    public static decimal MaxCost(ChatCompletionRequest request)
        => TokenCounter.CountMessages("m", request.Messages).Tokens * InputPrice + (request.MaxTokens ?? 1000) * OutputPrice;

    public async Task<ChatCompletionResponse> CompleteAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ChatCompletionResponse
        {
            Id = "scripted-1",
            Model = request.Model,
            Choices = [new ChatChoice { Index = 0, Message = new ChatMessage(ChatRoles.Assistant, "four words of text"), FinishReason = FinishReasons.Stop }],
            Usage = Usage(request.Request),
        };
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ProviderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        yield return new ChatCompletionChunk { Id = "s", Model = request.Model, Choices = [new ChunkChoice { Delta = new ChatDelta { Role = ChatRoles.Assistant, Content = "" } }] };
        foreach (var word in new[] { "one", " two", " three", " four" })
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatCompletionChunk { Id = "s", Model = request.Model, Choices = [new ChunkChoice { Delta = new ChatDelta { Content = word } }] };
        }
        yield return new ChatCompletionChunk { Id = "s", Model = request.Model, Choices = [new ChunkChoice { Delta = new ChatDelta(), FinishReason = FinishReasons.Stop }] };
        if (StreamUsage) yield return new ChatCompletionChunk { Id = "s", Model = request.Model, Choices = [], Usage = Usage(request.Request) };
    }

    public Task<EmbeddingResponse> EmbedAsync(ProviderEmbeddingRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new EmbeddingResponse { Model = request.Model, Data = [new EmbeddingData { Index = 0, Embedding = [1f] }], Usage = new Usage { PromptTokens = 7, TotalTokens = 7 } });
    }
}
