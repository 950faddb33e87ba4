namespace LlmAbstraction.Pricing;

public sealed partial class ModelCatalog
{
    /// <summary>Registers (or replaces) an entry under <paramref name="key"/> (e.g. <c>my-host/llama-3-70b</c> or <c>azure/my-deployment</c>).</summary>
    /// <remarks>Derive from a known entry with <c>with</c>: <c>catalog.Register("azure/prod", catalog.GetModelInfo("azure/gpt-4o") with { InputCostPerToken = 2e-6m })</c>.</remarks>
    public void Register(string key, ModelInfo info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(info);
        _registered[key] = info with { Key = key };
        InvalidateLookups();
    }

    /// <summary>
    /// Registers (or updates) an entry from LiteLLM-named fields, as found in a deployment's
    /// <c>model_info</c>/<c>litellm_params</c> or in configuration: <c>input_cost_per_token</c>,
    /// <c>output_cost_per_token</c>, <c>cache_read_input_token_cost</c>, <c>max_output_tokens</c>, … Values are
    /// numbers as text (<c>3e-06</c> or <c>0.000003</c>). With <c>base_model</c> (e.g. <c>azure/gpt-4o</c> for an
    /// Azure deployment) the entry starts as a copy of that model; otherwise it starts from the existing entry
    /// under <paramref name="key"/>, if any. Unknown fields are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The base model is unknown, or a value is not a number.</exception>
    public ModelInfo Register(string key, IEnumerable<KeyValuePair<string, string?>> liteLlmFields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(liteLlmFields);
        var fields = liteLlmFields.Where(f => f.Value is not null).ToList();
        var baseModel = fields.FirstOrDefault(f => string.Equals(f.Key, "base_model", StringComparison.OrdinalIgnoreCase)).Value;
        ModelInfo? start;
        if (!string.IsNullOrWhiteSpace(baseModel))
            start = Find(null, baseModel) ?? throw new ArgumentException($"Model '{key}': base_model '{baseModel}' is not in the model catalogue.", nameof(liteLlmFields));
        else
            TryGet(key, out start);
        var builder = new ModelInfoBuilder(start);
        foreach (var (field, value) in fields)
        {
            try { builder.Set(field.ToLowerInvariant(), value!.Trim()); }
            catch (FormatException ex) { throw new ArgumentException($"Model '{key}', field '{field}': {ex.Message}", nameof(liteLlmFields), ex); }
        }
        var info = builder.Build(key);
        Register(key, info);
        return info;
    }

    /// <summary>Adds (or replaces) every entry of a LiteLLM-format price map; returns how many were read.</summary>
    /// <exception cref="FormatException">The stream is not a LiteLLM price map.</exception>
    public int LoadLiteLlmJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var entries = LiteLlmPriceMapReader.Read(json);
        foreach (var (key, info) in entries) _registered[key] = info;
        InvalidateLookups();
        return entries.Count;
    }

    /// <summary>Removes a registration (built-in entries stay); returns whether one was removed.</summary>
    public bool Unregister(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var removed = _registered.TryRemove(key, out _);
        if (removed) InvalidateLookups();
        return removed;
    }

    /// <summary>The registration under exactly <paramref name="key"/> (or with its provider prefix), if any.</summary>
    internal ModelInfo? FindRegistered(string key) => _registered.IsEmpty ? null : _registered.GetValueOrDefault(key);
}
