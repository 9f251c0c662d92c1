using Grpc.Core;
using PurifierRental.OrderStatus.V1;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary>Following the read model: <c>wait</c> polls until a status shows, <c>watch</c> streams changes until Ctrl+C.</summary>
public sealed class WaitAndWatchTests
{
    [Fact]
    public async Task Wait_keeps_asking_until_the_read_model_shows_the_status()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var answers = new Queue<ProgressStatus?>([null, ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled, ProgressStatus.Completed]);
        gateway.Answer<GetOrderStatusRequest, GetOrderStatusResponse>("GetOrderStatus", _ => answers.Dequeue() is { } status
            ? new() { Progress = new OrderProgress { OrderId = "o-1", Status = status } }
            : throw new RpcException(new Status(StatusCode.NotFound, "No event about order o-1 has arrived yet.")));

        var result = await new Cli(gateway.Port).RunAsync("wait", "o-1", "--status", "COMPLETED");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Order o-1 is COMPLETED.\n", result.Output);
        Assert.Equal(4, gateway.Calls.Count);
    }

    [Fact]
    public async Task Wait_gives_up_after_its_timeout_and_says_where_the_order_is()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer<GetOrderStatusRequest, GetOrderStatusResponse>("GetOrderStatus",
            _ => new() { Progress = new OrderProgress { OrderId = "o-1", Status = ProgressStatus.EngineerAssigned } });

        var result = await new Cli(gateway.Port).RunAsync("wait", "o-1", "--status", "completed", "--timeout", "500ms");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Order o-1 did not become COMPLETED within 500ms: it is ENGINEER_ASSIGNED.\n", result.Error);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Wait_gives_up_at_once_when_the_order_ended_otherwise()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer<GetOrderStatusRequest, GetOrderStatusResponse>("GetOrderStatus",
            _ => new() { Progress = new OrderProgress { OrderId = "o-1", Status = ProgressStatus.Cancelled } });

        var result = await new Cli(gateway.Port).RunAsync("wait", "o-1", "--status", "completed", "--timeout", "1m");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Order o-1 is CANCELLED, which is final: it will never be COMPLETED.\n", result.Error);
        Assert.Single(gateway.Calls);
    }

    [Fact]
    public async Task Wait_reports_other_failures_like_any_command()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Fail("GetOrderStatus", StatusCode.Unauthenticated, "Sign in first: this call needs a valid bearer token.");

        var result = await new Cli(gateway.Port).RunAsync("wait", "o-1", "--status", "completed");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("UNAUTHENTICATED: Sign in first: this call needs a valid bearer token.\n", result.Error);
    }

    [Fact]
    public async Task Watch_prints_one_line_per_change()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.WatchChanges =
        [
            new() { Progress = Samples.Progress() },
            new() { Progress = Completed() },
        ];

        var result = await new Cli(gateway.Port).RunAsync("watch", "--order-id", "o-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            2026-11-22 10:05:00Z  order o-1  INSTALLATION_SCHEDULED (cancellation pending)  (version 4)
            2026-12-01 14:30:00Z  order o-1  COMPLETED  (version 5)

            """, result.Output);
        Assert.Equal("Watching order status changes; press Ctrl+C to stop.\n", result.Error);
    }

    [Fact]
    public async Task Watch_with_json_prints_one_json_object_per_line()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.WatchChanges = [new() { Progress = Samples.Progress() }, new() { Progress = Completed() }];

        var result = await new Cli(gateway.Port).RunAsync("watch", "--json");

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(gateway.WatchChanges, lines.Select(Google.Protobuf.JsonParser.Default.Parse<WatchOrderStatusesResponse>));
    }

    [Fact]
    public async Task Watch_runs_until_ctrl_c_and_then_ends_cleanly()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.WatchStaysOpen = true;

        var result = await new Cli(gateway.Port).InterruptAsync("order o-1", "watch");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2026-11-22 10:05:00Z  order o-1  INSTALLATION_SCHEDULED", result.Output);
    }

    private static OrderProgress Completed()
    {
        var progress = Samples.Progress(ProgressStatus.Completed);
        progress.CancellationPending = false;
        progress.Version = 5;
        progress.LastChangedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 12, 1, 14, 30, 0, DateTimeKind.Utc));
        progress.Transitions.Add(new StatusTransition
        {
            PreviousStatus = ProgressStatus.InstallationScheduled,
            Status = ProgressStatus.Completed,
            ChangedAt = progress.LastChangedAt,
            EventType = "InstallationCompleted",
        });
        return progress;
    }
}
