using System.Collections.Concurrent;
using System.Diagnostics;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.RawFrames;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>
/// A call that arrives with a W3C <c>traceparent</c> is recorded as a span of the caller's trace, named after
/// the gRPC method, with OpenTelemetry's rpc attributes and the call's gRPC status.
/// </summary>
[Collection(OurServerCollection.Name)]
public sealed class ServerTelemetryTests : IDisposable
{
    private readonly OurServerFixture _server;
    private readonly HttpClient _http = RawGrpc.CreateClient();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ServerTelemetryTests(OurServerFixture server)
    {
        _server = server;
        // What an OpenTelemetry SDK subscribed to ASP.NET Core's activity source would record.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task A_call_continues_the_callers_trace_as_a_span_named_after_the_method()
    {
        var (traceId, parentSpanId) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

        var response = await EchoAsync(new EchoRequest { Message = "traced" }, traceId, parentSpanId);

        Assert.Equal(StatusCode.OK, response.GrpcStatus);
        var span = await SpanOfAsync(traceId);
        Assert.Equal(parentSpanId, span.ParentSpanId);
        Assert.Equal("purifierrental.testing.v1.EchoService/Echo", span.DisplayName);
        Assert.Equal("grpc", span.GetTagItem("rpc.system"));
        Assert.Equal("purifierrental.testing.v1.EchoService", span.GetTagItem("rpc.service"));
        Assert.Equal("Echo", span.GetTagItem("rpc.method"));
        Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_call_that_fails_on_the_server_marks_its_span_as_an_error()
    {
        var traceId = ActivityTraceId.CreateRandom();

        var response = await EchoAsync(new EchoRequest { Message = "slow", DelayMs = 5_000 }, traceId, ActivitySpanId.CreateRandom(), timeout: "200m");

        Assert.Equal(StatusCode.DeadlineExceeded, response.GrpcStatus);
        var span = await SpanOfAsync(traceId);
        Assert.Equal((int)StatusCode.DeadlineExceeded, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    private Task<RawResponse> EchoAsync(EchoRequest request, ActivityTraceId traceId, ActivitySpanId parentSpanId, string timeout = "10S") =>
        RawGrpc.SendAsync(_http, RawGrpc.Post(_server.Address, Echo.Unary.FullName, RawGrpc.Frame(request), GrpcHeaders.ContentType,
            (GrpcHeaders.Timeout, timeout), ("traceparent", $"00-{traceId}-{parentSpanId}-01")));

    /// <summary>The server span of the trace; it stops just after the response, so it may come a moment later.</summary>
    private async Task<Activity> SpanOfAsync(ActivityTraceId traceId)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (_stopped.FirstOrDefault(a => a.TraceId == traceId) is { } span)
            {
                return span;
            }
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"No server span of trace {traceId} was recorded.");
    }
}
