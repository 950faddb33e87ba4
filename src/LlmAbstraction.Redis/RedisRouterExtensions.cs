using LlmAbstraction.Configuration;
using StackExchange.Redis;

namespace LlmAbstraction.Redis;

/// <summary>Wires <see cref="RedisRouterStateStore"/> into a client, and reads LiteLLM's <c>redis_*</c> router settings.</summary>
public static class RedisRouterExtensions
{
    /// <summary>Keeps the router's state in Redis on <paramref name="connection"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <returns>The builder.</returns>
    public static LlmClientBuilder UseRedisRouterStateStore(this LlmClientBuilder builder, IConnectionMultiplexer connection, RedisRouterStateStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseRouterStateStore(new RedisRouterStateStore(connection, options));
    }

    /// <summary>
    /// The connection options LiteLLM's <c>redis_url</c> (<c>redis://[:password@]host[:port][/db]</c>, <c>rediss://</c> for TLS)
    /// or <c>redis_host</c>/<c>redis_port</c>/<c>redis_password</c> describe; null when none is set.
    /// </summary>
    /// <param name="settings">The router settings.</param>
    /// <returns>Options for <see cref="ConnectionMultiplexer.ConnectAsync(ConfigurationOptions, TextWriter?)"/>, or null.</returns>
    /// <exception cref="ArgumentException">The URL is not a redis URL (its text is not repeated: it may hold a password).</exception>
    public static ConfigurationOptions? ToRedisOptions(this RouterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RedisUrl is { } url)
        {
            if (!Uri.TryCreate(url.Reveal(), UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
                throw new ArgumentException("router_settings.redis_url is not a redis:// or rediss:// URL.", nameof(settings));
            var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss", AbortOnConnectFail = false };
            options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
            var userInfo = Uri.UnescapeDataString(uri.UserInfo);
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (colon > 0) options.User = userInfo[..colon];
                options.Password = userInfo[(colon + 1)..];
            }
            if (int.TryParse(uri.AbsolutePath.Trim('/'), out var db)) options.DefaultDatabase = db;
            return options;
        }
        if (settings.RedisHost is not { Length: > 0 } host) return null;
        var hostOptions = new ConfigurationOptions { AbortOnConnectFail = false, Password = settings.RedisPassword?.Reveal() };
        hostOptions.EndPoints.Add(host, settings.RedisPort ?? 6379);
        return hostOptions;
    }
}
