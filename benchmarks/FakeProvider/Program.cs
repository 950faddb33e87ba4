using LlmAbstraction.Benchmarks.Stub;

// A fake OpenAI Chat Completions endpoint for the loopback load comparison: answers every POST at once with the same
// bytes as the in-process benchmarks (a small completion, or a 200-event SSE stream when the body asks to stream).
// Run: dotnet FakeProvider.dll --urls http://127.0.0.1:5199   (loopback only)
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var small = OpenAIPayloads.Small();
var stream = OpenAIPayloads.Stream(200);

app.MapPost("/v1/chat/completions", async (HttpContext http) =>
{
    var body = new MemoryStream();
    await http.Request.Body.CopyToAsync(body, http.RequestAborted);
    var streaming = body.TryGetBuffer(out var bytes) && (bytes.AsSpan().IndexOf("\"stream\":true"u8) >= 0 || bytes.AsSpan().IndexOf("\"stream\": true"u8) >= 0);
    http.Response.Headers["x-request-id"] = "req_0123456789abcdef0123456789abcdef";
    http.Response.ContentType = streaming ? "text/event-stream" : "application/json";
    var payload = streaming ? stream : small;
    http.Response.ContentLength = payload.Length;
    await http.Response.Body.WriteAsync(payload, http.RequestAborted);
});
app.MapGet("/health", () => "ok");
app.Run();
