namespace LlmAbstraction.Providers;

/// <summary>
/// What an adapter does with a parameter its provider cannot honour: raise
/// <see cref="UnsupportedParamsException"/> naming it, or, when the caller asked to drop unsupported
/// parameters, drop it and record a warning on the response.
/// </summary>
public static class UnsupportedParameters
{
    /// <summary>Reports <paramref name="parameter"/> as unsupported. Returns normally only when it may be dropped.</summary>
    public static void Report(ProviderRequest call, string provider, string parameter, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var why = reason is null ? "" : $" ({reason})";
        if (call.DropParams)
        {
            call.Warnings.Add($"Dropped parameter '{parameter}': not supported by {provider}{why}.");
            return;
        }
        throw new UnsupportedParamsException(
            $"{provider} does not support the parameter '{parameter}'{why}. Remove it, or set DropParams to drop unsupported parameters with a warning.",
            new LlmErrorDetails { Provider = provider, Model = call.Model, ErrorCode = "unsupported_parameter" });
    }
}
