using System.Diagnostics;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;
using PurifierRental.Order.V1;
using PurifierRental.Testing;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>Metadata both ways: grpc-js's request metadata reaches the service, and the service's response headers reach grpc-js.</summary>
[Collection(InteropMeshCollection.Name)]
public class MetadataTests(MeshFixture mesh)
{
    private readonly SidecarPeer _peer = new(mesh);

    [Fact]
    public async Task The_clients_traceparent_reaches_the_service_behind_the_sidecar()
    {
        var traceId = ActivityTraceId.CreateRandom();

        var outcome = await _peer.CallAsync("order", SidecarPeer.OrderService, "PlaceOrder", Rental.Application("seoul"),
            new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        // The service exports its spans in batches every few seconds.
        await Eventually.TrueAsync(() => Task.FromResult(mesh.Collector.Received(OtlpCollector.ServiceName("order"), OtlpCollector.TraceId(traceId))),
            TimeSpan.FromSeconds(30), $"order's spans of trace {traceId}");
    }

    [Fact]
    public async Task A_unary_answer_comes_with_grpc_response_headers()
    {
        var outcome = await _peer.CallAsync("order", SidecarPeer.OrderService, "ListCustomerOrders",
            new ListCustomerOrdersRequest { CustomerId = "cust-grpc-js-none" });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.StartsWith("application/grpc", outcome.Header("content-type"));
        Assert.Empty(Assert.Single(outcome.Responses)["orders"]!.AsArray());
    }
}
