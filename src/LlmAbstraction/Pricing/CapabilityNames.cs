namespace LlmAbstraction.Pricing;

/// <summary>Maps LiteLLM's <c>supports_*</c> field names to <see cref="ModelCapabilities"/>.</summary>
internal static class CapabilityNames
{
    private static readonly Dictionary<string, ModelCapabilities> ByField = new(StringComparer.Ordinal)
    {
        ["supports_function_calling"] = ModelCapabilities.FunctionCalling,
        ["supports_parallel_function_calling"] = ModelCapabilities.ParallelFunctionCalling,
        ["supports_tool_choice"] = ModelCapabilities.ToolChoice,
        ["supports_vision"] = ModelCapabilities.Vision,
        ["supports_response_schema"] = ModelCapabilities.ResponseSchema,
        ["supports_prompt_caching"] = ModelCapabilities.PromptCaching,
        ["supports_reasoning"] = ModelCapabilities.Reasoning,
        ["supports_system_messages"] = ModelCapabilities.SystemMessages,
        ["supports_assistant_prefill"] = ModelCapabilities.AssistantPrefill,
        ["supports_audio_input"] = ModelCapabilities.AudioInput,
        ["supports_audio_output"] = ModelCapabilities.AudioOutput,
        ["supports_pdf_input"] = ModelCapabilities.PdfInput,
        ["supports_video_input"] = ModelCapabilities.VideoInput,
        ["supports_web_search"] = ModelCapabilities.WebSearch,
        ["supports_computer_use"] = ModelCapabilities.ComputerUse,
        ["supports_native_streaming"] = ModelCapabilities.NativeStreaming,
        ["supports_url_context"] = ModelCapabilities.UrlContext,
        ["supports_embedding_image_input"] = ModelCapabilities.EmbeddingImageInput,
        ["supports_service_tier"] = ModelCapabilities.ServiceTier,
        ["supports_image_input"] = ModelCapabilities.ImageInput,
    };

    public static ModelCapabilities Find(string field) => ByField.GetValueOrDefault(field);
}
