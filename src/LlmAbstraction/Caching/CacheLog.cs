using Microsoft.Extensions.Logging;

namespace LlmAbstraction.Caching;

/// <summary>The cache's log messages. Keys are hashes and never contain secrets.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 20, EventName = "llm.cache.failed", Level = LogLevel.Warning,
        Message = "Cache {Operation} failed with {ErrorType}; the call goes on without the cache")]
    public static partial void Failed(ILogger logger, string operation, string errorType, Exception exception);

    [LoggerMessage(EventId = 21, EventName = "llm.cache.hit", Level = LogLevel.Debug,
        Message = "Cache hit for {Model} (key {Key}, similarity {Similarity})")]
    public static partial void Hit(ILogger logger, string model, string key, double? similarity);
}
