using Google.Protobuf;
using Grpc.Core;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>Each command turns its arguments into the request of its method and sends it to the app that serves it.</summary>
public sealed class RequestTests
{
    private sealed record Case(string[] Args, string AppId, string Method, IMessage Request);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["place"] = new(
            ["place", "--customer-id", "c-1", "--name", "Kim Minji", "--phone", "010-1234-5678", "--product", "PURI-300",
             "--address", "12 Teheran-ro", "--detail", "3F", "--postal", "06234", "--region", "seoul", "--date", "2026-12-01", "--request-id", "r-1"],
            "order", "PlaceOrder",
            new PlaceOrderRequest
            {
                Customer = Samples.Customer(),
                ProductCode = "PURI-300",
                InstallationAddress = Samples.Address(),
                Region = "seoul",
                PreferredInstallationDate = "2026-12-01",
                RequestId = "r-1",
            }),
        ["cancel"] = new(["cancel", "o-1", "--reason", "moving"], "order", "CancelOrder", new CancelOrderRequest { OrderId = "o-1", Reason = "moving" }),
        ["order"] = new(["order", "o-1"], "order", "GetOrder", new GetOrderRequest { OrderId = "o-1" }),
        ["orders"] = new(
            ["orders", "--customer-id", "c-1", "--page-size", "5", "--page-token", "next"], "order", "ListCustomerOrders",
            new ListCustomerOrdersRequest { CustomerId = "c-1", PageSize = 5, PageToken = "next" }),
        ["engineers"] = new(["engineers"], "managementcenter", "ListEngineers", new ListEngineersRequest()),
        ["engineers of a region"] = new(["engineers", "--region", "seoul"], "managementcenter", "ListEngineers", new ListEngineersRequest { Region = "seoul" }),
        ["register-engineer"] = new(
            ["register-engineer", "--name", "Park Jisoo", "--phone", "010-9876-5432", "--region", "seoul", "--id", "e-1"], "managementcenter", "RegisterEngineer",
            new RegisterEngineerRequest { EngineerId = "e-1", Name = "Park Jisoo", Phone = "010-9876-5432", Region = "seoul" }),
        ["register-engineer without an id"] = new(
            ["register-engineer", "--name", "Park Jisoo", "--phone", "010-9876-5432", "--region", "seoul"], "managementcenter", "RegisterEngineer",
            new RegisterEngineerRequest { Name = "Park Jisoo", Phone = "010-9876-5432", Region = "seoul" }),
        ["assignment"] = new(["assignment", "o-1"], "managementcenter", "GetAssignment", new GetAssignmentRequest { OrderId = "o-1" }),
        ["installations"] = new(
            ["installations", "--engineer", "e-1", "--status", "completed"], "installation", "ListInstallations",
            new ListInstallationsRequest { EngineerId = "e-1", Status = InstallationStatus.Completed }),
        ["complete"] = new(
            ["complete", "o-1", "--engineer", "e-1"], "installation", "CompleteInstallation",
            new CompleteInstallationRequest { OrderId = "o-1", EngineerId = "e-1" }),
        ["status"] = new(["status", "o-1"], "orderstatus", "GetOrderStatus", new GetOrderStatusRequest { OrderId = "o-1" }),
        ["statuses"] = new(
            ["statuses", "--status", "engineer-assigned", "--region", "seoul", "--customer-id", "c-1"], "orderstatus", "ListOrderStatuses",
            new ListOrderStatusesRequest { Status = ProgressStatus.EngineerAssigned, Region = "seoul", CustomerId = "c-1" }),
        ["watch"] = new(
            ["watch", "--order-id", "o-1", "--status", "INSTALLATION_SCHEDULED", "--region", "seoul", "--customer-id", "c-1"], "orderstatus", "WatchOrderStatuses",
            new WatchOrderStatusesRequest { OrderId = "o-1", Status = ProgressStatus.InstallationScheduled, Region = "seoul", CustomerId = "c-1" }),
        ["wait"] = new(["wait", "o-1", "--status", "installation-scheduled"], "orderstatus", "GetOrderStatus", new GetOrderStatusRequest { OrderId = "o-1" }),
    };

    public static TheoryData<string> CommandNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task The_command_sends_its_request_to_the_app_that_serves_it(string name)
    {
        var expected = Cases[name];
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync(expected.Args);

        Assert.Equal(0, result.ExitCode);
        var call = gateway.SingleCall();
        Assert.Equal(expected.AppId, call.AppId);
        Assert.Equal(expected.Method, call.Method);
        Assert.Equal(expected.Request, call.Request);
    }

    [Fact]
    public async Task Place_without_a_request_id_makes_a_new_one_for_each_application()
    {
        string[] args = ["place", "--customer-id", "c-1", "--name", "Kim Minji", "--phone", "010-1234-5678", "--product", "PURI-300",
            "--address", "12 Teheran-ro", "--region", "seoul", "--date", "2026-12-01"];
        await using var gateway = await FakeGateway.StartAsync();

        Assert.Equal(0, (await new Cli(gateway.Port).RunAsync(args)).ExitCode);
        Assert.Equal(0, (await new Cli(gateway.Port).RunAsync(args)).ExitCode);

        var requests = gateway.Calls.Select(c => Assert.IsType<PlaceOrderRequest>(c.Request)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Matches("^[0-9a-f]{32}$", r.RequestId));
        Assert.NotEqual(requests[0].RequestId, requests[1].RequestId);
        Assert.Equal(new InstallationAddress { AddressLine = "12 Teheran-ro" }, requests[0].InstallationAddress);
    }

    [Fact]
    public async Task Place_retries_an_unavailable_service_with_the_same_request_id()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var attempts = 0;
        gateway.Answer<PlaceOrderRequest, PlaceOrderResponse>("PlaceOrder", _ => ++attempts < 3
            ? throw new RpcException(new Status(StatusCode.Unavailable, "store down"))
            : new PlaceOrderResponse { Order = Samples.Order() });

        var result = await new Cli(gateway.Port).RunAsync(Cases["place"].Args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, gateway.Calls.Count);
        Assert.All(gateway.Calls, c => Assert.Equal("r-1", Assert.IsType<PlaceOrderRequest>(c.Request).RequestId));
    }

    [Fact]
    public async Task Place_that_times_out_names_the_request_id_to_rerun_it_with()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Fail("PlaceOrder", StatusCode.DeadlineExceeded, "too slow");
        string[] args = ["place", "--customer-id", "c-1", "--name", "Kim Minji", "--phone", "010-1234-5678", "--product", "PURI-300",
            "--address", "12 Teheran-ro", "--region", "seoul", "--date", "2026-12-01"];

        var result = await new Cli(gateway.Port).RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        var sent = Assert.IsType<PlaceOrderRequest>(gateway.SingleCall().Request).RequestId;
        Assert.Contains($"--request-id {sent}", result.Error);
    }

    [Fact]
    public async Task A_missing_required_option_stops_the_command_before_any_call()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("place", "--customer-id", "c-1", "--name", "Kim Minji");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Option '--product' is required.", result.Error);
        Assert.Empty(gateway.Calls);
    }

    [Theory]
    [InlineData("'done' is not a status; use one of placed|assignment-pending|engineer-assigned|installation-scheduled|completed|cancelled.",
        "statuses", "--status", "done")]
    [InlineData("'ASSIGNED' is not a status; use one of scheduled|completed|cancelled.", "installations", "--engineer", "e-1", "--status", "ASSIGNED")]
    [InlineData("'soon' is not a duration; write e.g. 30s, 2m or 500ms.", "wait", "o-1", "--status", "completed", "--timeout", "soon")]
    public async Task A_value_the_command_does_not_know_is_refused_before_any_call(string message, params string[] args)
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Empty(gateway.Calls);
    }
}
