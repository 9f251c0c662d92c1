using Grpc.Core;
using RentalCli.Output;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>A failed call prints the status code's name and the server's message on stderr, and exits with 1.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("GetOrder", StatusCode.NotFound, "Order x does not exist.", "NOT_FOUND: Order x does not exist.", "order", "x")]
    [InlineData("CancelOrder", StatusCode.FailedPrecondition, "Order o-1 is COMPLETED and can no longer be cancelled.",
        "FAILED_PRECONDITION: Order o-1 is COMPLETED and can no longer be cancelled.", "cancel", "o-1")]
    [InlineData("CompleteInstallation", StatusCode.PermissionDenied, "Engineer e-2 is not assigned to order o-1.",
        "PERMISSION_DENIED: Engineer e-2 is not assigned to order o-1.", "complete", "o-1", "--engineer", "e-2")]
    [InlineData("RegisterEngineer", StatusCode.InvalidArgument, "region is required.",
        "INVALID_ARGUMENT: region is required.", "register-engineer", "--name", "Park", "--phone", "010-9876-5432", "--region", " ")]
    public async Task The_servers_status_and_message_reach_stderr(string method, StatusCode code, string detail, string printed, params string[] args)
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Fail(method, code, detail);

        var result = await new Cli(gateway.Port).RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(printed + "\n", result.Error);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task An_unavailable_service_behind_a_running_gateway_is_reported_as_the_gateway_said()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Fail("ListInstallations", StatusCode.Unavailable, "connection refused to app installation");

        var result = await new Cli(gateway.Port).RunAsync("installations", "--engineer", "e-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("UNAVAILABLE: connection refused to app installation\n", result.Error);
    }

    [Fact]
    public async Task A_refused_connection_names_the_port_and_how_to_start_the_mesh()
    {
        var port = GatewayConnectionTests.ClosedPort();

        var result = await new Cli(port).RunAsync("statuses");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"UNAVAILABLE: no gateway answers on 127.0.0.1:{port}. The mesh may not be running: start it with scripts/run.sh", result.Error);
    }

    [Fact]
    public async Task A_call_to_a_service_no_app_serves_shows_the_gateways_answer()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Fail("GetAssignment", StatusCode.Unimplemented, "unknown service purifierrental.managementcenter.v1.ManagementCenterService");

        var result = await new Cli(gateway.Port).RunAsync("assignment", "o-1");

        Assert.Equal("UNIMPLEMENTED: unknown service purifierrental.managementcenter.v1.ManagementCenterService\n", result.Error);
    }

    [Fact]
    public void A_status_without_a_message_prints_the_code_alone() =>
        Assert.Equal("DEADLINE_EXCEEDED", Formatter.Error(new Status(StatusCode.DeadlineExceeded, "")));

    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.NotFound, "NOT_FOUND")]
    [InlineData(StatusCode.ResourceExhausted, "RESOURCE_EXHAUSTED")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    public void Status_codes_are_named_as_the_grpc_specification_names_them(StatusCode code, string name) =>
        Assert.Equal(name, EnumNames.Of(code));
}
