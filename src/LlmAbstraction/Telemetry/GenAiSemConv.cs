namespace LlmAbstraction.Telemetry;

/// <summary>
/// The OpenTelemetry GenAI semantic-convention names we emit (v1.41.1), in one place, since the names are
/// still moving upstream. Our own attributes live under <see cref="LibraryPrefix"/>.
/// </summary>
public static class GenAiSemConv
{
    /// <summary>The semconv version these names follow.</summary>
    public const string Version = "1.41.1";
#pragma warning disable CS1591 // the constants are the documented attribute names themselves
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestStopSequences = "gen_ai.request.stop_sequences";
    public const string RequestSeed = "gen_ai.request.seed";
    public const string RequestStream = "gen_ai.request.stream";
    public const string RequestChoiceCount = "gen_ai.request.choice.count";
    public const string OutputType = "gen_ai.output.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string UsageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string UsageCacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string UsageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string ErrorType = "error.type";

    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string TimeToFirstChunkMetric = "gen_ai.client.operation.time_to_first_chunk";

    public const string LibraryPrefix = "llmabstraction.";
    public const string Cost = "llmabstraction.cost.usd";
    public const string CacheHit = "llmabstraction.cache.hit";
    public const string Deployment = "llmabstraction.deployment";
    public const string Attempt = "llmabstraction.attempt";
    public const string Attempts = "llmabstraction.attempts";
    public const string FallbackReason = "llmabstraction.fallback.reason";
    public const string BudgetSubject = "llmabstraction.budget.subject";
#pragma warning restore CS1591

    /// <summary>Bucket boundaries advised for token counts.</summary>
    public static readonly double[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Bucket boundaries advised for durations in seconds.</summary>
    public static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>The semconv well-known <c>gen_ai.provider.name</c> for a registry name (the registry name itself when semconv has none).</summary>
    public static string ProviderValue(string? provider) => provider switch
    {
        null => "_OTHER",
        "bedrock" => "aws.bedrock",
        "gemini" => "gcp.gemini",
        "vertex_ai" => "gcp.vertex_ai",
        "azure" => "azure.ai.openai",
        "mistral" => "mistral_ai",
        "xai" => "x_ai",
        "moonshot" => "moonshot_ai",
        _ => provider,
    };

    /// <summary>The low-cardinality <c>error.type</c> for an error kind (snake_case of the kind).</summary>
    public static string ErrorTypeValue(LlmErrorKind kind) => kind switch
    {
        LlmErrorKind.BadRequest => "bad_request",
        LlmErrorKind.ContextWindowExceeded => "context_window_exceeded",
        LlmErrorKind.ContentPolicyViolation => "content_policy_violation",
        LlmErrorKind.UnsupportedParams => "unsupported_params",
        LlmErrorKind.Authentication => "authentication",
        LlmErrorKind.PermissionDenied => "permission_denied",
        LlmErrorKind.NotFound => "not_found",
        LlmErrorKind.Timeout => "timeout",
        LlmErrorKind.Conflict => "conflict",
        LlmErrorKind.UnprocessableEntity => "unprocessable_entity",
        LlmErrorKind.RateLimit => "rate_limit",
        LlmErrorKind.QuotaExceeded => "quota_exceeded",
        LlmErrorKind.InternalServer => "internal_server",
        LlmErrorKind.Overloaded => "overloaded",
        LlmErrorKind.ServiceUnavailable => "service_unavailable",
        LlmErrorKind.ApiConnection => "api_connection",
        LlmErrorKind.BudgetExceeded => "budget_exceeded",
        LlmErrorKind.NoDeploymentAvailable => "no_deployment_available",
        _ => "_OTHER",
    };
}
