using Google.Protobuf;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;
using RentalCli.Output;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>What each command prints for people, and with --json for scripts.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData("Order o-1 placed: PLACED.", "place", "--customer-id", "c-1", "--name", "Kim Minji", "--phone", "010-1234-5678",
        "--product", "PURI-300", "--address", "12 Teheran-ro", "--region", "seoul", "--date", "2026-12-01")]
    [InlineData("Cancellation of order o-1 requested: CANCELLATION_REQUESTED.", "cancel", "o-1")]
    [InlineData("Engineer e-1 registered: Park Jisoo, region seoul.", "register-engineer", "--name", "Park Jisoo", "--phone", "010-9876-5432", "--region", "seoul")]
    [InlineData("Installation of order o-1 COMPLETED at 2026-12-01 14:30:00Z.", "complete", "o-1", "--engineer", "e-1")]
    [InlineData("Order o-1 is INSTALLATION_SCHEDULED (cancellation pending).", "wait", "o-1", "--status", "installation-scheduled")]
    public async Task Commands_that_change_something_print_one_line(string line, params string[] args)
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync(args);

        Assert.Equal(line + "\n", result.Output);
    }

    [Fact]
    public async Task Order_shows_every_detail_the_order_service_holds()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("order", "o-1");

        Assert.Equal("""
            Order           o-1
            Status          PLACED
            Customer        Kim Minji (c-1), 010-1234-5678
            Product         PURI-300
            Address         12 Teheran-ro, 3F, 06234
            Region          seoul
            Preferred date  2026-12-01
            Placed          2026-11-22 10:00:00Z
            Last changed    2026-11-22 10:00:00Z

            """, result.Output);
    }

    [Fact]
    public async Task Status_shows_the_engineer_the_pending_cancellation_and_every_transition_with_its_time()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("status", "o-1");

        Assert.Equal("""
            Order           o-1
            Status          INSTALLATION_SCHEDULED (cancellation pending)
            Engineer        Park Jisoo (e-1), 010-9876-5432, seoul
            Scheduled date  2026-12-01
            Customer        Kim Minji (c-1), 010-1234-5678
            Product         PURI-300
            Address         12 Teheran-ro, 3F, 06234
            Region          seoul
            Preferred date  2026-12-01
            Cancel reason   moving
            Placed          2026-11-22 10:00:00Z
            Last changed    2026-11-22 10:05:00Z
            Version         4
            Transitions
              CHANGED               EVENT                       STATUS
              2026-11-22 10:00:00Z  OrderPlaced                 PLACED
              2026-11-22 10:00:01Z  EngineerAssigned            PLACED -> ENGINEER_ASSIGNED
              2026-11-22 10:00:02Z  InstallationScheduled       ENGINEER_ASSIGNED -> INSTALLATION_SCHEDULED
              2026-11-22 10:05:00Z  OrderCancellationRequested  INSTALLATION_SCHEDULED (cancellation pending): moving

            """, result.Output);
    }

    [Fact]
    public async Task Assignment_shows_the_engineer_and_when_the_order_was_routed()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("assignment", "o-1");

        Assert.Equal("""
            Order           o-1
            Status          ASSIGNED
            Region          seoul
            Engineer        Park Jisoo (e-1), 010-9876-5432, seoul
            Customer        Kim Minji (c-1), 010-1234-5678
            Product         PURI-300
            Address         12 Teheran-ro, 3F, 06234
            Preferred date  2026-12-01
            Placed          2026-11-22 10:00:00Z
            Assigned        2026-11-22 10:00:01Z
            Last changed    2026-11-22 10:00:01Z

            """, result.Output);
    }

    [Theory]
    [InlineData("""
        ORDER  STATUS  PRODUCT   REGION  PREFERRED   PLACED
        o-1    PLACED  PURI-300  seoul   2026-12-01  2026-11-22 10:00:00Z
        """, "orders", "--customer-id", "c-1")]
    [InlineData("""
        ENGINEER  NAME        PHONE          REGION  ACTIVE
        e-1       Park Jisoo  010-9876-5432  seoul   2
        """, "engineers")]
    [InlineData("""
        ORDER  STATUS     DATE        CUSTOMER                        PRODUCT   ADDRESS
        o-1    SCHEDULED  2026-12-01  Kim Minji (c-1), 010-1234-5678  PURI-300  12 Teheran-ro, 3F, 06234
        """, "installations", "--engineer", "e-1")]
    [InlineData("""
        ORDER  STATUS                                         CUSTOMER  REGION  ENGINEER  CHANGED
        o-1    INSTALLATION_SCHEDULED (cancellation pending)  c-1       seoul   e-1       2026-11-22 10:05:00Z
        """, "statuses")]
    public async Task Lists_print_a_table(string table, params string[] args)
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync(args);

        Assert.Equal(table + "\n", result.Output);
    }

    [Fact]
    public async Task An_empty_list_says_so_and_a_partial_one_says_how_to_get_the_rest()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var cli = new Cli(gateway.Port);

        gateway.Answer<ListCustomerOrdersRequest, ListCustomerOrdersResponse>("ListCustomerOrders", _ => new());
        var empty = await cli.RunAsync("orders", "--customer-id", "c-9");
        gateway.Answer<ListCustomerOrdersRequest, ListCustomerOrdersResponse>("ListCustomerOrders", _ => new() { Orders = { Samples.Order() }, NextPageToken = "p2" });
        var partial = await cli.RunAsync("orders", "--customer-id", "c-1", "--page-size", "1");

        Assert.Equal("No orders.\n", empty.Output);
        Assert.EndsWith("\nMore: repeat with --page-token p2\n", partial.Output);
    }

    [Fact]
    public async Task Json_prints_the_response_in_the_protobuf_json_mapping()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("--json", "status", "o-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"orderId\": \"o-1\"", result.Output);
        Assert.Contains("\"status\": \"PROGRESS_STATUS_INSTALLATION_SCHEDULED\"", result.Output);
        Assert.Equal(Samples.ResponseTo("GetOrderStatus"), JsonParser.Default.Parse<GetOrderStatusResponse>(result.Output));
    }

    [Fact]
    public async Task Json_may_follow_the_command_too()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var result = await new Cli(gateway.Port).RunAsync("place", "--json", "--customer-id", "c-1", "--name", "Kim Minji", "--phone", "010-1234-5678",
            "--product", "PURI-300", "--address", "12 Teheran-ro", "--region", "seoul", "--date", "2026-12-01");

        Assert.Equal(Samples.ResponseTo("PlaceOrder"), JsonParser.Default.Parse<PlaceOrderResponse>(result.Output));
    }

    [Fact]
    public void Columns_stay_aligned_with_hangul_which_a_terminal_shows_two_columns_wide()
    {
        var table = new Table("NAME", "REGION").Add("김민지", "seoul").Add("Kim Minji", "busan").ToString();

        Assert.Equal(string.Join(Environment.NewLine, "NAME       REGION", "김민지     seoul", "Kim Minji  busan"), table);
    }

    [Fact]
    public void A_view_still_missing_its_placement_prints_what_it_has()
    {
        var progress = new OrderProgress { OrderId = "o-2", Status = ProgressStatus.Cancelled, Version = 1 };

        Assert.Equal(string.Join(Environment.NewLine, "Order    o-2", "Status   CANCELLED", "Version  1", "Transitions", "  CHANGED  EVENT  STATUS"),
            Formatter.Progress(progress));
    }
}
