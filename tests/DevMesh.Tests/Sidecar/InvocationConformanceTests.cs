using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Dapr.Client;
using DevMesh.Sidecar;
using DevMesh.Tests.Components.Redis;
using DevMesh.Tests.Sidecar.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using PurifierRental.Testing.V1;
using Xunit;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar;

/// <summary>
/// gRPC proxying between sidecars (dapr-app-id), with the caller's resiliency policies: metadata, deadlines,
/// circuit breaker and retries, each observed at the target app (dapr-wire-facts C, G).
/// </summary>
[Collection(SidecarCollection.Name)]
public sealed class InvocationConformanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task A_proxied_call_reaches_the_target_with_caller_and_callee_ids_and_the_targets_own_token()
    {
        var (caller, callee, plain) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"), RedisFixture.Unique("orderstatus"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(),
            new SidecarOptions { AppId = callee, ApiToken = "installation-api-token", AppApiToken = "installation-app-token" });
        await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = plain });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller, ApiToken = "managementcenter-api-token" });

        var response = await new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, "managementcenter-api-token", new Metadata { { "dapr-app-id", callee }, { "x-correlation-id", "order-7" }, { "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } })).EchoAsync(new EchoRequest { Message = "cancel order-7" });

        Assert.Equal("cancel order-7", response.Message);
        var seen = response.SeenMetadata.ToList();
        Assert.Contains($"dapr-caller-app-id={caller}", seen);
        Assert.Contains($"dapr-callee-app-id={callee}", seen);
        Assert.Contains("x-correlation-id=order-7", seen);
        Assert.Contains("traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", seen);
        Assert.DoesNotContain(seen, m => m.StartsWith("dapr-app-id=", StringComparison.Ordinal));
        // The caller's API token stops at its sidecar; the target gets its own sidecar's app token instead.
        Assert.Equal(["dapr-api-token=installation-app-token"], seen.Where(m => m.StartsWith("dapr-api-token=", StringComparison.Ordinal)));
        var call = Assert.Single(target.Calls);
        Assert.Equal("/purifierrental.testing.v1.EchoService/Echo", call.Path);
        Assert.StartsWith("application/grpc", call.Headers["content-type"], StringComparison.Ordinal);

        // Without APP_API_TOKEN on the target's sidecar, no token reaches the target at all.
        var plainResponse = await new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, "managementcenter-api-token", new Metadata { { "dapr-app-id", plain } })).EchoAsync(new EchoRequest { Message = "status" });
        Assert.DoesNotContain(plainResponse.SeenMetadata, m => m.StartsWith("dapr-api-token=", StringComparison.Ordinal));
        Assert.Contains($"dapr-callee-app-id={plain}", plainResponse.SeenMetadata);
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_target_ends_the_call_with_deadline_exceeded()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }, Resources.Resiliency($"""
              policies:
                timeouts:
                  cancelInstallation: 800ms
              targets:
                apps:
                  {callee}:
                    timeout: cancelInstallation
            """));

        // The caller's grpc-timeout (300 ms), sent without a client-side timer, so the status is the sidecar's answer.
        var clock = Stopwatch.StartNew();
        var (status, detail) = await CallWithGrpcTimeoutAsync(callerSidecar, callee, new EchoRequest { Message = "slow-1", DelayMs = 5000 }, "300m");
        Assert.Equal(StatusCode.DeadlineExceeded, status);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 2500);
        output.WriteLine($"caller deadline: {status} '{detail}' after {clock.ElapsedMilliseconds} ms");
        // The deadline travelled with the call: the target's handler knew it and was stopped by it.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var end = await target.CallLog.WaitForAsync("slow-1", wait.Token);
        Assert.NotNull(end.Timeout);
        Assert.InRange(end.Timeout.Value.TotalMilliseconds, 1, 300);

        // Without a caller deadline, the policy's timeout (800 ms per attempt) ends the call the same way.
        clock.Restart();
        var timedOut = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee } })).EchoAsync(new EchoRequest { Message = "slow-2", DelayMs = 5000 }).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, timedOut.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 750, 3000);
        var policyEnd = await target.CallLog.WaitForAsync("slow-2", wait.Token);
        Assert.Equal("cancelled", policyEnd.Outcome);
    }

    [Fact]
    public async Task The_breaker_trips_after_the_configured_failures_fails_fast_half_opens_after_its_timeout_and_closes_on_success()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }, Resources.Resiliency($"""
              policies:
                circuitBreakers:
                  installationBreaker:
                    maxRequests: 1
                    timeout: 1s
                    trip: consecutiveFailures >= 3
              targets:
                apps:
                  {callee}:
                    circuitBreaker: installationBreaker
            """));
        var api = _mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee } });
        var breakerTimeout = TimeSpan.FromSeconds(1);

        // Three failures in a row reach the target and come back as they are; they trip the breaker.
        target.FailNext(3, StatusCode.Internal, "installation store is down");
        for (var i = 1; i <= 3; i++)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = $"cancel-{i}" }).ResponseAsync);
            Assert.Equal(StatusCode.Internal, failure.StatusCode);
            Assert.Equal("installation store is down", failure.Status.Detail);
        }
        var tripped = Stopwatch.StartNew();
        Assert.Equal(3, target.Calls.Count);

        // Open: calls fail at once with daprd's UNKNOWN "circuit breaker is open", and never reach the target.
        for (var i = 0; i < 3; i++)
        {
            await AssertOpenAsync(api);
        }
        Assert.Equal(3, target.Calls.Count);

        // After the timeout it is half-open: one probe goes through; a failed probe opens it again at once.
        await DelayUntilAsync(tripped, breakerTimeout + TimeSpan.FromMilliseconds(50));
        target.FailNext(1, StatusCode.Unavailable, "still down");
        var probe = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "probe-1" }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, probe.StatusCode);
        tripped.Restart();
        Assert.Equal(4, target.Calls.Count);
        await AssertOpenAsync(api);
        Assert.Equal(4, target.Calls.Count);

        // A successful probe closes it: calls flow again, and one failure alone does not trip it.
        await DelayUntilAsync(tripped, breakerTimeout + TimeSpan.FromMilliseconds(50));
        Assert.Equal("probe-2", (await new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "probe-2" })).Message);
        target.FailNext(1, StatusCode.Internal, "a single failure");
        await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "after-1" }).ResponseAsync);
        Assert.Equal("after-2", (await new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "after-2" })).Message);
        Assert.Equal(7, target.Calls.Count);
    }

    [Fact]
    public async Task Retries_follow_the_constant_policy_and_only_retry_the_matching_codes()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }, Resources.Resiliency($"""
              policies:
                retries:
                  cancelInstallationRetry:
                    policy: constant
                    duration: 300ms
                    maxRetries: 3
                    matching:
                      gRPCStatusCodes: "4,14"
              targets:
                apps:
                  {callee}:
                    retry: cancelInstallationRetry
            """));
        var api = _mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee } });
        const double Duration = 300;

        // Always UNAVAILABLE: the first attempt and three retries, 300 ms apart, then the last answer.
        target.FailNext(100, StatusCode.Unavailable, "installation is restarting");
        var exhausted = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "cancel-1" }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, exhausted.StatusCode);
        var attempts = target.Calls.Select(c => c.At).ToList();
        Assert.Equal(4, attempts.Count);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        output.WriteLine($"gaps between attempts: {string.Join(", ", gaps.Select(g => $"{g:0} ms"))}");
        // A busy machine can delay an attempt, never bring it forward: the lower bound is the policy's.
        Assert.All(gaps, gap => Assert.InRange(gap, Duration - 2, Duration + 1200));

        // Two failures, then success: the caller gets the success.
        target.FailNext(2, StatusCode.Unavailable, "installation is restarting");
        Assert.Equal("cancel-2", (await new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "cancel-2" })).Message);
        Assert.Equal(7, target.Calls.Count);

        // FAILED_PRECONDITION is an answer, not a failure to retry.
        target.FailNext(100, StatusCode.FailedPrecondition, "installation already completed");
        var answer = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "cancel-3" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, answer.StatusCode);
        Assert.Equal(8, target.Calls.Count);
    }

    [Fact]
    public async Task An_answer_already_under_way_is_final_and_never_retried()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }, Resources.Resiliency($"""
              policies:
                retries:
                  cancelInstallationRetry:
                    policy: constant
                    duration: 10ms
                    maxRetries: 3
              targets:
                apps:
                  {callee}:
                    retry: cancelInstallationRetry
            """));
        // echo-back-* metadata makes the app send its response headers before it fails: the answer has started.
        var echo = new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee }, { "echo-back-step", "1" } }));

        using var call = echo.EchoAsync(new EchoRequest { Message = "cancel-1", FailWithCode = (int)StatusCode.Unavailable, FailWithMessage = "gone" });
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal((StatusCode.Unavailable, "gone"), (failure.StatusCode, failure.Status.Detail));
        Assert.Equal("1", (await call.ResponseHeadersAsync).GetValue("echo-back-step"));
        Assert.Single(target.Calls);
    }

    [Fact]
    public async Task A_proxied_call_is_measured_without_the_gRPC_servers_unimplemented_route()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller });
        var routes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Name: "http.server.request.duration", Meter.Name: "Microsoft.AspNetCore.Hosting" })
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route")
                {
                    routes.Enqueue(tag.Value as string ?? "");
                }
            }
        });
        listener.Start();

        await new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee } })).EchoAsync(new EchoRequest { Message = "measured" });

        // The target measures its own route; the sidecar leaves the call unrouted (the proxy runs before routing),
        // rather than under the gRPC server's catch-all for methods it does not serve.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!routes.Contains("/purifierrental.testing.v1.EchoService/Echo"))
        {
            await Task.Delay(20, wait.Token);
        }
        Assert.DoesNotContain(routes, route => route.Contains("unimplemented", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_attempt_that_times_out_is_retried_until_a_message_reached_the_caller(bool messageSent)
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }, Resources.Resiliency($"""
              policies:
                timeouts:
                  cancelInstallation: 1500ms
                retries:
                  cancelInstallationRetry:
                    policy: constant
                    duration: 10ms
                    maxRetries: 2
              targets:
                apps:
                  {callee}:
                    timeout: cancelInstallation
                    retry: cancelInstallationRetry
            """));
        // The app sends its response headers at once (echo-back-*), then waits longer than the timeout per attempt,
        // before its only answer or (streaming) between its first and second message.
        var echo = new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee }, { "echo-back-step", "1" } }));

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (messageSent)
            {
                using var stream = echo.StreamEcho(new EchoRequest { Message = "slow-stream", Count = 2, DelayMs = 1000 });
                await foreach (var _ in stream.ResponseStream.ReadAllAsync())
                {
                }
            }
            else
            {
                await echo.EchoAsync(new EchoRequest { Message = "slow-unary", DelayMs = 5000 });
            }
        });

        // daprd ends a stream cut this way with DEADLINE_EXCEEDED in trailers; YARP's forwarder resets it instead,
        // which the caller's client reports as it reports a broken stream (DevMesh README, "Not implemented").
        Assert.Equal(messageSent ? StatusCode.Internal : StatusCode.DeadlineExceeded, failure.StatusCode);
        // Headers alone never reach the caller (they go with the first message, as in daprd), so every attempt may
        // be replayed; after a message, another attempt could only answer twice.
        Assert.Equal(messageSent ? 1 : 3, target.Calls.Count);
    }

    [Fact]
    public async Task The_official_invocation_invoker_drives_a_generated_client_through_the_sidecar()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee, AppApiToken = "installation-app-token" });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller, ApiToken = "managementcenter-api-token" });
        var invoker = DaprClient.CreateInvocationInvoker(callee, $"http://127.0.0.1:{callerSidecar.GrpcPort}", "managementcenter-api-token");
        var echo = new EchoService.EchoServiceClient(invoker);

        var response = await echo.EchoAsync(new EchoRequest { Message = "cancel order-9" });

        Assert.Equal("cancel order-9", response.Message);
        Assert.Contains($"dapr-caller-app-id={caller}", response.SeenMetadata);
        Assert.Contains("dapr-api-token=installation-app-token", response.SeenMetadata);
        Assert.Equal("/purifierrental.testing.v1.EchoService/Echo", Assert.Single(target.Calls).Path);
        var refused = await Assert.ThrowsAsync<RpcException>(() => echo.EchoAsync(new EchoRequest { Message = "x", FailWithCode = (int)StatusCode.FailedPrecondition, FailWithMessage = "already installed" }).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "already installed"), (refused.StatusCode, refused.Status.Detail));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streaming_calls_pass_each_message_as_it_comes_with_or_without_dapr_stream(bool daprStream)
    {
        var (caller, callee) = (RedisFixture.Unique("gateway"), RedisFixture.Unique("orderstatus"));
        await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions { AppId = callee });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller });
        var headers = new Metadata { { "dapr-app-id", callee } };
        if (daprStream)
        {
            headers.Add("dapr-stream", "true");
        }
        var echo = new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: headers));

        // A duplex call can only go on if each answer comes back before the call ends: send one, read one.
        using var chat = echo.ChatEcho();
        for (var i = 0; i < 3; i++)
        {
            await chat.RequestStream.WriteAsync(new EchoRequest { Message = $"status-{i}" });
            Assert.True(await chat.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(($"status-{i}", i), (chat.ResponseStream.Current.Message, chat.ResponseStream.Current.Index));
        }
        await chat.RequestStream.CompleteAsync();
        Assert.False(await chat.ResponseStream.MoveNext(CancellationToken.None));

        // A server stream yields every message, then the app's status.
        using var stream = echo.StreamEcho(new EchoRequest { Message = "watch", Count = 4, FailWithCode = (int)StatusCode.Aborted, FailWithMessage = "watch ended" });
        var received = new List<int>();
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in stream.ResponseStream.ReadAllAsync())
            {
                received.Add(message.Index);
            }
        });
        Assert.Equal([0, 1, 2, 3], received);
        Assert.Equal((StatusCode.Aborted, "watch ended"), (ended.StatusCode, ended.Status.Detail));
    }

    // daprd checks app health only on its app channel (OnInvoke, deliveries), not for proxied calls
    // (pkg/channel/grpc/grpc_channel.go against pkg/api/grpc/proxy/handler.go): an unhealthy app still gets them.
#pragma warning disable CS0618
    [Fact]
    public async Task Proxied_calls_reach_an_app_that_fails_its_health_checks_while_InvokeService_is_refused()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        // The echo app serves no AppCallbackHealthCheck, so every probe fails and one failure makes it unhealthy.
        var (target, _) = await _mesh.StartAppAsync(EchoTarget.StartAsync(), new SidecarOptions
        {
            AppId = callee,
            EnableAppHealthCheck = true,
            AppHealthProbeInterval = TimeSpan.FromMilliseconds(100),
            AppHealthThreshold = 1,
        });
        var callerSidecar = await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller });
        var client = _mesh.Client(callerSidecar);
        InvocationException? refused = null;
        await RedisFixture.EventuallyAsync(async () =>
        {
            refused = await Assert.ThrowsAsync<InvocationException>(() => client.InvokeMethodGrpcAsync<EchoRequest, EchoResponse>(callee, "echo", new EchoRequest()));
            return Assert.IsType<RpcException>(refused.InnerException).Status.Detail.Contains("app is not in a healthy state", StringComparison.Ordinal);
        }, "the target's sidecar took its app for unhealthy");

        var response = await new EchoService.EchoServiceClient(_mesh.Api(callerSidecar, headers: new Metadata { { "dapr-app-id", callee } })).EchoAsync(new EchoRequest { Message = "cancel order-9" });

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(refused!.InnerException).StatusCode);
        Assert.Equal("cancel order-9", response.Message);
        Assert.Single(target.Calls);
    }

    // InvokeService is deprecated in daprd and the SDK alike, yet daprd still serves it: so does DevMesh.
    [Fact]
    public async Task InvokeService_reaches_the_targets_OnInvoke_and_passes_its_status_back()
    {
        var (caller, callee) = (RedisFixture.Unique("managementcenter"), RedisFixture.Unique("installation"));
        await _mesh.StartAppAsync(SubscriberApp.StartAsync("installation-0", new Inbox()), new SidecarOptions { AppId = callee, AppApiToken = "installation-app-token" });
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = caller }));

        var response = await client.InvokeMethodGrpcAsync<EchoRequest, EchoResponse>(callee, "echo", new EchoRequest { Message = "cancel order-3" });

        Assert.Equal("cancel order-3", response.Message);
        Assert.Contains($"dapr-caller-app-id={caller}", response.SeenMetadata);
        Assert.Contains($"dapr-callee-app-id={callee}", response.SeenMetadata);
        Assert.Contains("dapr-api-token=installation-app-token", response.SeenMetadata);
        var refused = await Assert.ThrowsAsync<InvocationException>(() => client.InvokeMethodGrpcAsync<EchoRequest, EchoResponse>(callee, "echo",
            new EchoRequest { FailWithCode = (int)StatusCode.FailedPrecondition, FailWithMessage = "already installed" }));
        var status = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal((StatusCode.FailedPrecondition, "already installed"), (status.StatusCode, status.Status.Detail));
        var unknown = await Assert.ThrowsAsync<InvocationException>(() => client.InvokeMethodGrpcAsync<EchoRequest, EchoResponse>("nobody", "echo", new EchoRequest()));
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(unknown.InnerException).StatusCode);
    }
#pragma warning restore CS0618

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan elapsed)
    {
        var left = elapsed - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    private static async Task AssertOpenAsync(CallInvoker api)
    {
        var clock = Stopwatch.StartNew();
        var open = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(api).EchoAsync(new EchoRequest { Message = "while-open" }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, open.StatusCode);
        Assert.Equal("circuit breaker is open", open.Status.Detail);
        Assert.True(clock.ElapsedMilliseconds < 500, $"an open breaker answered after {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// A unary call on HTTP/2 with the given <c>grpc-timeout</c> header and no timer of its own: the status is
    /// whatever the sidecar answers.
    /// </summary>
    private async Task<(StatusCode Status, string? Detail)> CallWithGrpcTimeoutAsync(SidecarHost sidecar, string appId, EchoRequest request, string grpcTimeout)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{sidecar.GrpcPort}/purifierrental.testing.v1.EchoService/Echo")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Framed(request)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TE.ParseAdd("trailers");
        message.Headers.Add("grpc-timeout", grpcTimeout);
        message.Headers.Add("dapr-app-id", appId);
        using var response = await _mesh.Http.SendAsync(message);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single()
            : throw new InvalidOperationException($"no grpc-status in the answer (HTTP {(int)response.StatusCode})");
        var detail = response.TrailingHeaders.TryGetValues("grpc-message", out var t) ? t.Single()
            : response.Headers.TryGetValues("grpc-message", out var h) ? h.Single() : null;
        return ((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), detail);
    }

    /// <summary>One uncompressed gRPC length-prefixed message.</summary>
    private static byte[] Framed(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }
}
