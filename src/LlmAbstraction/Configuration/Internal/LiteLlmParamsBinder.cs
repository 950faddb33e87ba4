namespace LlmAbstraction.Configuration;

internal static class LiteLlmParamsBinder
{
    public static LiteLlmParams Bind(MappingReader p, string model, int? deploymentRpm, long? deploymentTpm) => new()
    {
        Model = model,
        ApiKey = p.Secret("api_key"),
        ApiBase = p.String("api_base") ?? p.String("base_url"),
        ApiVersion = p.String("api_version"),
        Organization = p.String("organization"),
        CustomLlmProvider = p.String("custom_llm_provider"),
        Rpm = p.Int("rpm", 0) ?? deploymentRpm,
        Tpm = p.Long("tpm", 0) ?? deploymentTpm,
        Weight = p.Double("weight", 0),
        Order = p.Int("order", 0),
        Timeout = p.Seconds("timeout", positive: true),
        StreamTimeout = p.Seconds("stream_timeout", positive: true),
        MaxRetries = p.Int("max_retries", 0),
        NumRetries = p.Int("num_retries", 0),
        MaxParallelRequests = p.Int("max_parallel_requests", 1),
        RegionName = p.String("region_name"),
        AwsRegionName = p.String("aws_region_name"),
        AwsAccessKeyId = p.Secret("aws_access_key_id"),
        AwsSecretAccessKey = p.Secret("aws_secret_access_key"),
        AwsSessionToken = p.Secret("aws_session_token"),
        AwsRoleName = p.String("aws_role_name"),
        AwsProfileName = p.String("aws_profile_name"),
        VertexProject = p.String("vertex_project"),
        VertexLocation = p.String("vertex_location") ?? p.String("vertex_ai_location"),
        VertexCredentials = p.Secret("vertex_credentials"),
        InputCostPerToken = p.Decimal("input_cost_per_token"),
        OutputCostPerToken = p.Decimal("output_cost_per_token"),
        InputCostPerSecond = p.Decimal("input_cost_per_second"),
        OutputCostPerSecond = p.Decimal("output_cost_per_second"),
        Tags = p.StringList("tags"),
        Extra = p.Rest(), // provider parameters pass through: no warnings
    };
}
