using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.EchoServer;
using PurifierRental.Grpc.Tests.Interop;

namespace PurifierRental.Grpc.Tests.Infrastructure;

/// <summary>
/// Our EchoServer in-process, twice: with the transport's defaults, and with 64 KiB message limits
/// for the size tests. Started once for the tests that use them.
/// </summary>
public sealed class OurServerFixture : IEchoTarget, IAsyncLifetime
{
    public const int SmallLimit = 64 * 1024;

    private WebApplication? _server;
    private WebApplication? _limited;

    public string Name => "our server";

    public int Limit => SmallLimit;

    public string Address { get; private set; } = "";

    public string LimitedAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = EchoHost.Build(0);
        await _server.StartAsync();
        Address = $"http://127.0.0.1:{_server.BoundPort()}";
        _limited = EchoHost.Build(0, options =>
        {
            options.MaxReceiveMessageSize = SmallLimit;
            options.MaxSendMessageSize = SmallLimit;
        });
        await _limited.StartAsync();
        LimitedAddress = $"http://127.0.0.1:{_limited.BoundPort()}";
    }

    /// <summary>The default server's services, for tests that change its state (health statuses).</summary>
    public IServiceProvider Services => _server!.Services;

    /// <summary>How our handler of the call whose first request carried <paramref name="message"/> was stopped.</summary>
    public async Task<ServerCallEnd> WaitForEndAsync(string message, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var end = await _server!.Services.GetRequiredService<EchoCallLog>().WaitForAsync(message, cts.Token);
        return new ServerCallEnd(end.Outcome, end.Method, end.Message, end.Timeout?.TotalMilliseconds);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_limited is not null)
        {
            await _limited.DisposeAsync();
        }
    }
}
