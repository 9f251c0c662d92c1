using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.EchoServer;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Testing.V1;

namespace PurifierRental.Grpc.Tests.Server;

/// <summary>
/// A client that gives up while the server is still reading its request resets the HTTP/2 stream. That is the
/// client's doing: the handler sees the call end as CANCELLED and the server logs no error for it.
/// </summary>
public sealed class ClientResetTests
{
    [Fact]
    public async Task Streams_the_client_resets_mid_request_end_as_cancelled_without_server_errors()
    {
        await using var app = EchoHost.Build(0, minimumLevel: LogLevel.Information);
        var errors = new ErrorRecorder();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        await app.StartAsync();
        var calls = app.Services.GetRequiredService<EchoCallLog>();
        using var channel = GrpcChannel.ForAddress(app.Urls.First());
        var invoker = channel.CreateCallInvoker();

        for (var i = 0; i < 20; i++)
        {
            using var giveUp = new CancellationTokenSource();
            // Echoed headers come back once the handler runs: it is then reading the request when the reset comes.
            var headers = new Metadata().Add(PurifierRental.EchoServer.EchoService.CallIdHeader, $"reset-{i}").Add(PurifierRental.EchoServer.EchoService.EchoBackPrefix + "step", "reading");
            using var call = invoker.AsyncClientStreamingCall(Echo.ClientStreaming, new CallOptions(headers, CancellationToken: giveUp.Token));
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "first" });
            await call.ResponseHeadersAsync;
            await giveUp.CancelAsync();

            Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.Equal("cancelled", (await calls.WaitForAsync($"reset-{i}", wait.Token)).Outcome);
        }

        Assert.Empty(errors.Entries);
    }

    /// <summary>Keeps every log entry of level Error and above.</summary>
    private sealed class ErrorRecorder : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }

        public void Dispose()
        {
        }
    }
}
