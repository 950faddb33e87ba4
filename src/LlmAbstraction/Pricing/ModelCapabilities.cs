namespace LlmAbstraction.Pricing;

/// <summary>
/// What a model supports, as the catalogue states it (LiteLLM's <c>supports_*</c> flags). Read from
/// the table, never guessed from the model's name.
/// </summary>
[Flags]
public enum ModelCapabilities : long
{
    /// <summary>Nothing known.</summary>
    None = 0,
    /// <summary><c>supports_function_calling</c>.</summary>
    FunctionCalling = 1L << 0,
    /// <summary><c>supports_parallel_function_calling</c>.</summary>
    ParallelFunctionCalling = 1L << 1,
    /// <summary><c>supports_tool_choice</c>.</summary>
    ToolChoice = 1L << 2,
    /// <summary><c>supports_vision</c> (image input).</summary>
    Vision = 1L << 3,
    /// <summary><c>supports_response_schema</c> (JSON-schema structured output).</summary>
    ResponseSchema = 1L << 4,
    /// <summary><c>supports_prompt_caching</c>.</summary>
    PromptCaching = 1L << 5,
    /// <summary><c>supports_reasoning</c>.</summary>
    Reasoning = 1L << 6,
    /// <summary><c>supports_system_messages</c>.</summary>
    SystemMessages = 1L << 7,
    /// <summary><c>supports_assistant_prefill</c>.</summary>
    AssistantPrefill = 1L << 8,
    /// <summary><c>supports_audio_input</c>.</summary>
    AudioInput = 1L << 9,
    /// <summary><c>supports_audio_output</c>.</summary>
    AudioOutput = 1L << 10,
    /// <summary><c>supports_pdf_input</c>.</summary>
    PdfInput = 1L << 11,
    /// <summary><c>supports_video_input</c>.</summary>
    VideoInput = 1L << 12,
    /// <summary><c>supports_web_search</c>.</summary>
    WebSearch = 1L << 13,
    /// <summary><c>supports_computer_use</c>.</summary>
    ComputerUse = 1L << 14,
    /// <summary><c>supports_native_streaming</c>.</summary>
    NativeStreaming = 1L << 15,
    /// <summary><c>supports_url_context</c>.</summary>
    UrlContext = 1L << 16,
    /// <summary><c>supports_embedding_image_input</c>.</summary>
    EmbeddingImageInput = 1L << 17,
    /// <summary><c>supports_service_tier</c>.</summary>
    ServiceTier = 1L << 18,
    /// <summary><c>supports_image_input</c>.</summary>
    ImageInput = 1L << 19,
}
