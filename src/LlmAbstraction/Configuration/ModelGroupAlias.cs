namespace LlmAbstraction.Configuration;

/// <summary>A <c>router_settings.model_group_alias</c> entry: <c>"gpt-4": "gpt-4o"</c> or <c>{"model": "gpt-4o", "hidden": true}</c>.</summary>
/// <param name="Model">The model group the alias points to.</param>
/// <param name="Hidden">True to keep the alias out of model listings.</param>
public sealed record ModelGroupAlias(string Model, bool Hidden = false);
