using Microsoft.Extensions.Options;

namespace LlmAbstraction;

/// <summary>Validates <see cref="LlmClientOptions"/>, reporting every problem at once.</summary>
internal sealed class LlmClientOptionsValidator : IValidateOptions<LlmClientOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmClientOptions options)
    {
        var errors = new List<string>();
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
            errors.Add($"Timeout must be positive (or infinite), not {options.Timeout}.");
        if (options.Resilience is null) errors.Add("Resilience: settings are missing.");
        else errors.AddRange(options.Resilience.Validate());
        if (options.Cache is null) errors.Add("Cache: settings are missing.");
        else errors.AddRange(options.Cache.Validate());
        if (options.Telemetry is { CallbackQueueCapacity: < 1 }) errors.Add("Telemetry:CallbackQueueCapacity must be at least 1.");
        foreach (var (alias, target) in options.Aliases)
        {
            if (string.IsNullOrWhiteSpace(alias)) errors.Add("Aliases: an alias name is empty.");
            if (string.IsNullOrWhiteSpace(target)) errors.Add($"Aliases:{alias}: the target model is empty.");
        }
        foreach (var (provider, settings) in options.Providers)
        {
            if (settings is null) { errors.Add($"Providers:{provider}: settings are missing."); continue; }
            if (settings.ApiBase is { } b && !b.StartsWith(Providers.SecretReference.Prefix, StringComparison.Ordinal)
                && !Uri.TryCreate(b, UriKind.Absolute, out _))
                errors.Add($"Providers:{provider}:ApiBase '{b}' is not an absolute URL.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
