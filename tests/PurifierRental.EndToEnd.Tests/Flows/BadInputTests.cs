using Google.Protobuf;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Grpc;
using PurifierRental.OrderStatus.V1;
using StackExchange.Redis;

namespace PurifierRental.EndToEnd.Tests.Flows;

[Collection(MeshCollection.Name)]
public class BadInputTests(MeshFixture mesh)
{
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task An_invalid_application_is_refused_with_every_problem_named()
    {
        var request = Rental.Application("seoul");
        request.Customer.Phone = "call me";
        request.Region = "";
        request.PreferredInstallationDate = "next tuesday";

        var refusal = await Assert.ThrowsAsync<RpcException>(() => _rental.PlaceAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Contains("preferred_installation_date", refusal.Status.Detail);
    }

    [Fact]
    public async Task Unknown_ids_are_NotFound_everywhere()
    {
        var unknown = "no-such-order";

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _rental.GetOrderAsync(unknown))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _rental.CancelAsync(unknown))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _rental.GetAssignmentAsync(unknown))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _rental.GetInstallationAsync(unknown))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _rental.ProgressAsync(unknown))).StatusCode);
    }

    [Fact]
    public async Task Only_the_assigned_engineer_may_complete_and_a_cancelled_work_order_cannot_be_completed()
    {
        var (region, engineers) = await _rental.NewRegionAsync(engineers: 1);
        var stranger = await _rental.RegisterEngineerAsync("e2e-elsewhere", "다른 기사");
        var order = await _rental.PlaceAsync(Rental.Application(region));
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);

        var denied = await Assert.ThrowsAsync<RpcException>(() => _rental.CompleteAsync(order.OrderId, stranger.EngineerId));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        await _rental.CancelAsync(order.OrderId);
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.Cancelled);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _rental.CompleteAsync(order.OrderId, engineers[0].EngineerId));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_dead_letter_topic_and_the_service_keeps_working()
    {
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(mesh.Redis.Endpoint);
        var redis = multiplexer.GetDatabase();
        var before = await redis.StreamLengthAsync("orderstatus-deadletter");
        using (var dapr = new DaprSidecarClient(new DaprSidecarOptions { GrpcEndpoint = new Uri($"http://127.0.0.1:{mesh.Mesh.Instance("order").DaprGrpcPort}") }))
        {
            await dapr.PublishEventAsync("pubsub", "order-events", ByteString.CopyFromUtf8("{\"orderId\": 42, \"orderPlaced\": \"not an event\"}"));
        }

        await Eventually.TrueAsync(async () => await redis.StreamLengthAsync("orderstatus-deadletter") > before,
            TimeSpan.FromSeconds(30), "the poison event on orderstatus-deadletter");

        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var order = await _rental.PlaceAsync(Rental.Application(region));
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);
    }
}
