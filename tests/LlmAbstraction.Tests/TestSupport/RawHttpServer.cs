using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>
/// A raw TCP server on loopback for faults WireMock cannot fake: each accepted connection gets the next behaviour
/// (reset, hang, or a canned HTTP answer). Stops by itself when disposed.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public enum Kind { Reset, Hang, Respond }

    public sealed record Behaviour(Kind Kind, string Body = "", string ContentType = "application/json");

    public RawHttpServer(params Behaviour[] behaviours)
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(() => RunAsync(behaviours));
    }

    public string Url { get; }

    public int Connections { get; private set; }

    private async Task RunAsync(Behaviour[] behaviours)
    {
        var open = new List<Socket>();
        try
        {
            for (var i = 0; ; i++)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Connections++;
                var b = behaviours[Math.Min(i, behaviours.Length - 1)];
                await socket.ReceiveAsync(new byte[16384], _stop.Token);
                switch (b.Kind)
                {
                    case Kind.Reset:
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                        break;
                    case Kind.Hang:
                        open.Add(socket); // keep it open, answer nothing
                        break;
                    default:
                        var bytes = Encoding.UTF8.GetBytes(b.Body);
                        var head = $"HTTP/1.1 200 OK\r\nContent-Type: {b.ContentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                        await socket.SendAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray(), _stop.Token);
                        socket.Shutdown(SocketShutdown.Both);
                        socket.Close();
                        break;
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        finally
        {
            foreach (var s in open) s.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
