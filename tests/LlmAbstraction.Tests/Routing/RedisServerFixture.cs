using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LlmAbstraction.Tests.Routing;

/// <summary>
/// Starts a private <c>redis-server</c> on a free loopback port (no persistence) for the fixture and kills it in
/// teardown. When the binary is missing the tests are ignored, or fail when env <c>CI=true</c>.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly string Binary = Find();

    /// <summary>/usr/bin/redis-server, else the first redis-server on PATH.</summary>
    private static string Find()
    {
        const string standard = "/usr/bin/redis-server";
        if (File.Exists(standard)) return standard;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "redis-server"))) return Path.Combine(dir, "redis-server");
        return standard;
    }
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            var message = "redis-server not found at /usr/bin or on PATH (test.sh installs it)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Ignore(message);
        }
        var port = FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        // Wait until it accepts connections (bounded by attempts, not by a timer).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true,connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return server;
            }
            catch (RedisConnectionException) when (attempt < 50 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
