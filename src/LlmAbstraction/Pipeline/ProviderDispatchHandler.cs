using System.Runtime.CompilerServices;
using LlmAbstraction.Providers;
using LlmAbstraction.Telemetry;

namespace LlmAbstraction.Pipeline;

/// <summary>
/// The last stage: resolves the request's model to a provider, resolves the endpoint, calls the
/// adapter once, and records the attempt. Requests carrying a <see cref="MockResponse"/> go to the mock.
/// </summary>
internal sealed class ProviderDispatchHandler : LlmHandler
{
    private readonly ProviderCatalog _providers;
    private readonly EndpointResolver _endpoints;
    private readonly LlmClientOptions _options;

    public ProviderDispatchHandler(ProviderCatalog providers, EndpointResolver endpoints, LlmClientOptions options)
    {
        _providers = providers;
        _endpoints = endpoints;
        _options = options;
    }

    public override async Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var (provider, call) = Prepare(request);
        var started = context.TimeProvider.GetTimestamp();
        using var attempt = AttemptDeadline(context, cancellationToken);
        using var span = AttemptSpan.Start(context, provider.Name, call.Model, call.Endpoint, request);
        try
        {
            var response = await provider.CompleteAsync(call, attempt?.Token ?? cancellationToken).ConfigureAwait(false);
            AttemptSpan.Succeeded(span, response.Id, response.Model, response.Usage);
            Record(context, request.Model, provider.Name, started, null);
            Stamp(response.Details, context, provider.Name, response.Model, call.WarningsOrNull);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt is { Expired: true })
        {
            var timeout = AttemptTimedOut(request.Model, provider.Name, ex);
            AttemptSpan.Failed(span, timeout);
            Record(context, request.Model, provider.Name, started, timeout);
            throw timeout;
        }
        catch (LlmException ex)
        {
            AttemptSpan.Failed(span, ex);
            Record(context, request.Model, provider.Name, started, ex);
            throw;
        }
    }

    /// <summary>The per-attempt timeout when one is configured; null (the caller's token alone applies) otherwise.</summary>
    private Deadline? AttemptDeadline(LlmCallContext context, CancellationToken cancellationToken)
        => _options.Resilience.AttemptTimeout is { } timeout ? new(cancellationToken, timeout, context.TimeProvider) : null;

    private LlmTimeoutException AttemptTimedOut(string model, string provider, Exception inner)
        => new($"{provider} did not answer model '{model}' within the attempt timeout of {_options.Resilience.AttemptTimeout}.",
            new LlmErrorDetails { Provider = provider, Model = model, ErrorCode = "attempt_timeout" }, inner);

    public override async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, LlmCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (provider, call) = Prepare(request);
        var started = context.TimeProvider.GetTimestamp();
        using var attempt = AttemptDeadline(context, cancellationToken);
        using var span = AttemptSpan.Start(context, provider.Name, call.Model, call.Endpoint, request);
        var enumerator = provider.StreamAsync(call, attempt?.Token ?? cancellationToken).GetAsyncEnumerator(attempt?.Token ?? cancellationToken);
        await using var _ = enumerator.ConfigureAwait(false);
        var first = true;
        string? model = null;
        while (true)
        {
            ChatCompletionChunk chunk;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                chunk = enumerator.Current;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt is { Expired: true })
            {
                var timeout = AttemptTimedOut(request.Model, provider.Name, ex);
                AttemptSpan.Failed(span, timeout);
                Record(context, request.Model, provider.Name, started, timeout);
                throw timeout;
            }
            catch (LlmException ex)
            {
                AttemptSpan.Failed(span, ex);
                Record(context, request.Model, provider.Name, started, ex);
                throw;
            }
            if (first)
            {
                context.Details.TimeToFirstChunk = context.Elapsed;
                attempt?.Disarm(); // the attempt timeout bounds the wait for the first chunk only
                first = false;
            }
            model ??= chunk.Model;
            if (chunk.Usage is not null)
            {
                AttemptSpan.Succeeded(span, chunk.Id, model, chunk.Usage);
                Record(context, request.Model, provider.Name, started, null);
                Stamp(context.Details, context, provider.Name, model, call.WarningsOrNull);
                chunk.Details = context.Details;
            }
            yield return chunk;
        }
        if (context.Details.Provider is null)
        {
            AttemptSpan.Succeeded(span, null, model, null);
            Record(context, request.Model, provider.Name, started, null);
            Stamp(context.Details, context, provider.Name, model, call.WarningsOrNull);
        }
    }

    public override Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, LlmCallContext context, CancellationToken cancellationToken)
    {
        var (descriptor, providerModel) = _providers.Resolve(request.Model, mock: false);
        var endpoint = _endpoints.Resolve(descriptor, request.Model, request.ApiBase, request.ApiKey, request.ApiVersion, null);
        return EmbedCoreAsync(_providers.Get(descriptor), new ProviderEmbeddingRequest { Request = request, Model = providerModel, Endpoint = endpoint }, context, cancellationToken);
    }

    private async Task<EmbeddingResponse> EmbedCoreAsync(ILlmProvider provider, ProviderEmbeddingRequest call, LlmCallContext context, CancellationToken ct)
    {
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            var response = await provider.EmbedAsync(call, ct).ConfigureAwait(false);
            Record(context, call.Request.Model, provider.Name, started, null);
            Stamp(response.Details, context, provider.Name, response.Model, null);
            return response;
        }
        catch (LlmException ex)
        {
            Record(context, call.Request.Model, provider.Name, started, ex);
            throw;
        }
    }

    private (ILlmProvider Provider, ProviderRequest Call) Prepare(ChatCompletionRequest request)
    {
        var mock = request.MockResponse is not null;
        var (descriptor, providerModel) = _providers.Resolve(request.Model, mock);
        var endpoint = mock
            ? new ProviderEndpoint { ApiBase = "mock://local" }
            : _endpoints.Resolve(descriptor, request.Model, request.ApiBase, request.ApiKey, request.ApiVersion, request.ExtraHeaders);
        var call = new ProviderRequest { Request = request, Model = providerModel, Endpoint = endpoint, DropParams = request.DropParams ?? _options.DropParams };
        return (_providers.Get(descriptor), call);
    }

    private static void Record(LlmCallContext context, string model, string provider, long started, LlmException? error)
    {
        context.Details.Attempts.Add(new AttemptRecord
        {
            Model = model,
            Provider = provider,
            Deployment = context.Deployment,
            Succeeded = error is null,
            ErrorKind = error?.Kind,
            ErrorMessage = error?.Message,
            Latency = context.TimeProvider.GetElapsedTime(started),
            DelayBefore = context.PendingRetryDelay,
            FallbackReason = context.FallbackReason,
        });
        context.PendingRetryDelay = null;
        if (error is not null) context.Errors.Add(error);
    }

    private static void Stamp(ResponseDetails details, LlmCallContext context, string provider, string? model, IList<string>? warnings)
    {
        details.Provider = provider;
        details.Model = model;
        details.RequestedModel = context.RequestedModel;
        details.Deployment = context.Deployment;
        if (!ReferenceEquals(details, context.Details))
        {
            var attempts = context.Details.Attempts;
            for (var i = 0; i < attempts.Count; i++) details.Attempts.Add(attempts[i]);
            details.TimeToFirstChunk = context.Details.TimeToFirstChunk;
            if (context.Details.SkippedDeploymentsOrNull is { Count: > 0 } skipped)
                foreach (var s in skipped) details.SkippedDeployments.Add(s);
        }
        if (warnings is { Count: > 0 })
            foreach (var w in warnings) details.Warnings.Add(w);
    }
}
