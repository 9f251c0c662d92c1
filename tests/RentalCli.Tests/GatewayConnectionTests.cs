using System.Net;
using System.Net.Sockets;
using RentalCli.Commands;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>The CLI speaks to the mesh through the gateway's gRPC port: the bearer token, deadlines, the port.</summary>
public sealed class GatewayConnectionTests
{
    [Fact]
    public async Task A_call_carries_a_deadline_so_that_a_stuck_service_cannot_hang_the_terminal()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var before = DateTime.UtcNow;

        await new Cli(gateway.Port).RunAsync("order", "o-1");

        var deadline = gateway.SingleCall().Deadline;
        Assert.InRange(deadline, before, before + TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task The_token_from_the_environment_goes_with_every_call_as_a_bearer_token()
    {
        await using var gateway = await FakeGateway.StartAsync();

        await new Cli(gateway.Port).With(CommandHost.TokenVariable, "eyJ.token").RunAsync("engineers");

        Assert.Equal("Bearer eyJ.token", gateway.SingleCall().Headers.GetValue("authorization"));
    }

    [Fact]
    public async Task Without_a_token_in_the_environment_none_is_sent()
    {
        await using var gateway = await FakeGateway.StartAsync();

        await new Cli(gateway.Port).RunAsync("engineers");

        Assert.Null(gateway.SingleCall().Headers.Get("authorization"));
    }

    [Fact]
    public async Task The_port_option_wins_over_the_environment()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(ClosedPort()).RunAsync("order", "o-1", "--gateway-port", gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("order", gateway.SingleCall().AppId);
    }

    [Theory]
    [InlineData(null, 8081)]
    [InlineData("18081", 18081)]
    [InlineData("not a port", 8081)]
    public void The_default_port_is_RENTAL_GATEWAY_PORT_else_the_gateways_in_dapr_yaml(string? variable, int port) =>
        Assert.Equal(port, CommandHost.DefaultPort(name => name == CommandHost.PortVariable ? variable : null));

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
