using System.Diagnostics;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.OrderStatus.V1;
using PurifierRental.Testing;

namespace PurifierRental.EndToEnd.Tests.Flows;

/// <summary>
/// One trace follows an order: the client's <c>traceparent</c> goes through order's sidecar to the order app,
/// into the OrderPlaced event through the outbox, and on to every service that handles the events it causes;
/// each service reports its spans of that trace to the collector.
/// </summary>
[Collection(MeshCollection.Name)]
public class TracingTests(MeshFixture mesh)
{
    private static readonly string[] Services = ["order", "managementcenter", "installation", "orderstatus"];

    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task The_clients_trace_reaches_every_service_through_invocation_and_events()
    {
        var (region, _) = await _rental.NewRegionAsync(engineers: 1);
        var traceId = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";

        var order = await _rental.PlaceAsync(Rental.Application(region), new Metadata { { "traceparent", traceparent } });
        await _rental.ProgressReachesAsync(order.OrderId, ProgressStatus.InstallationScheduled);

        // Services export in batches every few seconds.
        var trace = OtlpCollector.TraceId(traceId);
        await Eventually.TrueAsync(() => Task.FromResult(Services.All(service => mesh.Collector.Received(OtlpCollector.ServiceName(service), trace))),
            TimeSpan.FromSeconds(30), $"spans of trace {traceId} from each of {string.Join(", ", Services)}");
    }
}
