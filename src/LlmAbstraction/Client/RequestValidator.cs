namespace LlmAbstraction;

/// <summary>Checks a request at the public edge so bad input fails early with a clear, typed error.</summary>
internal static class RequestValidator
{
    public static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model)) Fail("The request has no model.", "missing_model");
        if (request.Messages is null || request.Messages.Count == 0) Fail($"The request to '{request.Model}' has no messages.", "missing_messages", request.Model);
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var m = request.Messages[i];
            if (m is null) Fail($"Message {i} is null.", "invalid_message", request.Model);
            if (string.IsNullOrEmpty(m.Role)) Fail($"Message {i} has no role.", "invalid_message", request.Model);
        }
        if (request.Temperature is < 0 or > 2) Fail($"temperature must be between 0 and 2, not {request.Temperature}.", "invalid_temperature", request.Model);
        if (request.TopP is < 0 or > 1) Fail($"top_p must be between 0 and 1, not {request.TopP}.", "invalid_top_p", request.Model);
        if (request.MaxTokens is <= 0) Fail($"max_tokens must be positive, not {request.MaxTokens}.", "invalid_max_tokens", request.Model);
        if (request.N is <= 0) Fail($"n must be positive, not {request.N}.", "invalid_n", request.Model);
        if (request.NumRetries is < 0) Fail($"NumRetries must not be negative, not {request.NumRetries}.", "invalid_num_retries", request.Model);
    }

    public static void Validate(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model)) Fail("The embeddings request has no model.", "missing_model");
        if (request.Input is null || request.Input.Count == 0) Fail($"The embeddings request to '{request.Model}' has no input.", "missing_input", request.Model);
        if (request.Input.Any(s => s is null)) Fail("An embeddings input is null.", "invalid_input", request.Model);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message, string code, string? model = null)
        => throw new BadRequestException(message, new LlmErrorDetails { ErrorCode = code, Model = model });
}
