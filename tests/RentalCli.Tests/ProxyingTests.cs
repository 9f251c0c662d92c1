using System.Net;
using System.Net.Sockets;
using RentalCli.Commands;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>The CLI speaks to the mesh as a Dapr client does: one sidecar port, the target in dapr-app-id, the API token, deadlines.</summary>
public sealed class ProxyingTests
{
    [Fact]
    public async Task A_call_carries_a_deadline_so_that_a_stuck_service_cannot_hang_the_terminal()
    {
        await using var sidecar = await FakeSidecar.StartAsync();
        var before = DateTime.UtcNow;

        await new Cli(sidecar.Port).RunAsync("order", "o-1");

        var deadline = sidecar.SingleCall().Deadline;
        Assert.InRange(deadline, before, before + TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task The_api_token_from_the_environment_goes_with_every_call()
    {
        await using var sidecar = await FakeSidecar.StartAsync();

        await new Cli(sidecar.Port).With("DAPR_API_TOKEN", "s3cret").RunAsync("engineers");

        Assert.Equal("s3cret", sidecar.SingleCall().Headers.GetValue("dapr-api-token"));
    }

    [Fact]
    public async Task Without_an_api_token_in_the_environment_none_is_sent()
    {
        await using var sidecar = await FakeSidecar.StartAsync();

        await new Cli(sidecar.Port).RunAsync("engineers");

        Assert.Null(sidecar.SingleCall().Headers.Get("dapr-api-token"));
    }

    [Fact]
    public async Task Watch_marks_its_call_as_a_stream_and_unary_calls_do_not()
    {
        await using var sidecar = await FakeSidecar.StartAsync();
        var cli = new Cli(sidecar.Port);

        await cli.RunAsync("watch");
        await cli.RunAsync("status", "o-1");

        Assert.Collection(sidecar.Calls,
            watch => Assert.Equal("true", watch.Headers.GetValue("dapr-stream")),
            status => Assert.Null(status.Headers.Get("dapr-stream")));
    }

    [Fact]
    public async Task The_port_option_wins_over_the_environment()
    {
        await using var sidecar = await FakeSidecar.StartAsync();

        var result = await new Cli(ClosedPort()).RunAsync("order", "o-1", "--dapr-grpc-port", sidecar.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("order", sidecar.SingleCall().AppId);
    }

    [Theory]
    [InlineData(null, 50101)]
    [InlineData("50104", 50104)]
    [InlineData("not a port", 50101)]
    public void The_default_port_is_DAPR_GRPC_PORT_else_the_order_apps_sidecar(string? variable, int port) =>
        Assert.Equal(port, CommandHost.DefaultPort(name => name == "DAPR_GRPC_PORT" ? variable : null));

    /// <summary>A loopback port nothing listens on.</summary>
    internal static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
