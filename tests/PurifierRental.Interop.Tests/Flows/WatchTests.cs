using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>
/// Server streaming from grpc-js through the sidecar: WatchOrderStatuses, marked with <c>dapr-stream: true</c>
/// as a Dapr client marks a stream.
/// </summary>
[Collection(InteropMeshCollection.Name)]
public class WatchTests(MeshFixture mesh)
{
    private static readonly Dictionary<string, string> Stream = new() { ["dapr-stream"] = "true" };

    private readonly SidecarPeer _peer = new(mesh);
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task A_watch_streams_the_changes_of_orders_placed_while_it_runs()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);

        var watching = _peer.CallAsync("orderstatus", SidecarPeer.OrderStatusService, "WatchOrderStatuses",
            new WatchOrderStatusesRequest { Region = region }, Stream, cancelAfterResponses: 1);
        // The watch sees only changes after it is registered, and the test cannot tell when grpc-js got there:
        // place orders until it reports one.
        var placed = new List<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!watching.IsCompleted && DateTime.UtcNow < until)
        {
            placed.Add((await _rental.PlaceAsync(Rental.Application(region))).OrderId);
            await Task.WhenAny(watching, Task.Delay(500));
        }
        var outcome = await watching;

        Assert.Equal(StatusCode.Cancelled, outcome.StatusCode);
        var change = Assert.Single(outcome.Responses)["progress"]!;
        Assert.Contains((string?)change["orderId"], placed);
        Assert.Equal(region, (string?)change["region"]);
        Assert.Equal("김하늘", (string?)change["customer"]!["name"]);
    }

    [Fact]
    public async Task A_watch_whose_deadline_passes_ends_DEADLINE_EXCEEDED()
    {
        var quiet = "e2e-quiet-" + Guid.NewGuid().ToString("N")[..8];

        var outcome = await _peer.CallAsync("orderstatus", SidecarPeer.OrderStatusService, "WatchOrderStatuses",
            new WatchOrderStatusesRequest { Region = quiet }, Stream, deadlineMs: 1500);

        Assert.Equal(StatusCode.DeadlineExceeded, outcome.StatusCode);
        Assert.Empty(outcome.Responses);
    }
}
