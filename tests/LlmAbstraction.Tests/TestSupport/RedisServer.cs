using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>
/// A real redis-server process on 127.0.0.1 and a free port, started for a test fixture and killed afterwards.
/// When the binary is missing the test is ignored, or fails under CI=true (where .ci/run installs it).
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    public static RedisServer Start()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            const string message = "redis-server is not installed (./test.sh installs it; apt-get install redis-server)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Ignore(message);
        }
        var server = new RedisServer(FreePort());
        server.Launch(binary!);
        return server;
    }

    /// <summary>Stops the server (to test outages); <see cref="Restart"/> brings it back on the same port.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
    }

    public void Restart()
    {
        Stop();
        Launch(new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.First(File.Exists));
    }

    private void Launch(string binary)
    {
        var psi = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
                Thread.Sleep(25);
            }
        }
        throw new InvalidOperationException("redis-server did not accept connections within 5 s");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose() => Stop();
}
