using System.Text.Json;

namespace LlmAbstraction.Configuration;

/// <summary>
/// A deployment's LiteLLM <c>litellm_params</c>. Keys not modelled here (<c>temperature</c>, <c>reasoning_effort</c>,
/// <c>extra_body</c>, ...) are provider parameters LiteLLM passes through; they are kept in <see cref="Extra"/>.
/// </summary>
public sealed class LiteLlmParams
{
    /// <summary><c>model</c>: the provider model string, e.g. <c>anthropic/claude-sonnet-4-6</c> or <c>openai/*</c>. Required.</summary>
    /// <value>Default empty (invalid).</value>
    public string Model { get; init; } = "";

    /// <summary><c>api_key</c>.</summary>
    /// <value>Default null (the provider's own environment variable applies).</value>
    public SecretValue? ApiKey { get; init; }

    /// <summary><c>api_base</c> (alias <c>base_url</c>).</summary>
    /// <value>Default null (the provider's default endpoint).</value>
    public string? ApiBase { get; init; }

    /// <summary><c>api_version</c> (Azure).</summary>
    /// <value>Default null.</value>
    public string? ApiVersion { get; init; }

    /// <summary><c>organization</c> (OpenAI).</summary>
    /// <value>Default null.</value>
    public string? Organization { get; init; }

    /// <summary><c>custom_llm_provider</c>: forces the provider adapter.</summary>
    /// <value>Default null (inferred from <see cref="Model"/>).</value>
    public string? CustomLlmProvider { get; init; }

    /// <summary><c>rpm</c>: requests-per-minute limit (also a simple-shuffle weight). A deployment-level <c>rpm</c> lands here too.</summary>
    /// <value>Default null (unlimited).</value>
    public int? Rpm { get; init; }

    /// <summary><c>tpm</c>: tokens-per-minute limit. A deployment-level <c>tpm</c> lands here too.</summary>
    /// <value>Default null (unlimited).</value>
    public long? Tpm { get; init; }

    /// <summary><c>weight</c>: relative share for simple-shuffle.</summary>
    /// <value>Default null (equal shares).</value>
    public double? Weight { get; init; }

    /// <summary><c>order</c>: priority inside a group; only the lowest order among healthy deployments is used.</summary>
    /// <value>Default null (no priority).</value>
    public int? Order { get; init; }

    /// <summary><c>timeout</c> (seconds in YAML).</summary>
    /// <value>Default null (router timeout).</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>stream_timeout</c> (seconds in YAML).</summary>
    /// <value>Default null (router stream timeout, else <see cref="Timeout"/>).</value>
    public TimeSpan? StreamTimeout { get; init; }

    /// <summary><c>max_retries</c>: retries inside the provider client.</summary>
    /// <value>Default null.</value>
    public int? MaxRetries { get; init; }

    /// <summary><c>num_retries</c>: per-deployment override of the router's retries.</summary>
    /// <value>Default null.</value>
    public int? NumRetries { get; init; }

    /// <summary><c>max_parallel_requests</c>: concurrency cap for this deployment.</summary>
    /// <value>Default null (derived from rpm/tpm, else unlimited).</value>
    public int? MaxParallelRequests { get; init; }

    /// <summary><c>region_name</c>: generic region, also used for <c>allowed_model_region</c> checks.</summary>
    /// <value>Default null.</value>
    public string? RegionName { get; init; }

    /// <summary><c>aws_region_name</c> (Bedrock/SageMaker).</summary>
    /// <value>Default null.</value>
    public string? AwsRegionName { get; init; }

    /// <summary><c>aws_access_key_id</c>.</summary>
    /// <value>Default null.</value>
    public SecretValue? AwsAccessKeyId { get; init; }

    /// <summary><c>aws_secret_access_key</c>.</summary>
    /// <value>Default null.</value>
    public SecretValue? AwsSecretAccessKey { get; init; }

    /// <summary><c>aws_session_token</c>.</summary>
    /// <value>Default null.</value>
    public SecretValue? AwsSessionToken { get; init; }

    /// <summary><c>aws_role_name</c>: role to assume.</summary>
    /// <value>Default null.</value>
    public string? AwsRoleName { get; init; }

    /// <summary><c>aws_profile_name</c>.</summary>
    /// <value>Default null.</value>
    public string? AwsProfileName { get; init; }

    /// <summary><c>vertex_project</c>.</summary>
    /// <value>Default null.</value>
    public string? VertexProject { get; init; }

    /// <summary><c>vertex_location</c> (or its alias <c>vertex_ai_location</c>).</summary>
    /// <value>Default null.</value>
    public string? VertexLocation { get; init; }

    /// <summary><c>vertex_credentials</c>: a service-account file path or JSON.</summary>
    /// <value>Default null.</value>
    public SecretValue? VertexCredentials { get; init; }

    /// <summary><c>input_cost_per_token</c> in USD, overriding the price map.</summary>
    /// <value>Default null.</value>
    public decimal? InputCostPerToken { get; init; }

    /// <summary><c>output_cost_per_token</c> in USD, overriding the price map.</summary>
    /// <value>Default null.</value>
    public decimal? OutputCostPerToken { get; init; }

    /// <summary><c>input_cost_per_second</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? InputCostPerSecond { get; init; }

    /// <summary><c>output_cost_per_second</c> in USD.</summary>
    /// <value>Default null.</value>
    public decimal? OutputCostPerSecond { get; init; }

    /// <summary><c>tags</c>: for tag-based routing.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Every other key (provider parameters), as written with os.environ references resolved.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = EmptyExtra.Instance;
}
