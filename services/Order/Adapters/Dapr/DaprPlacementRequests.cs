using Google.Protobuf;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Dapr.State;
using PurifierRental.OrderService.Application;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>A request id's order id, claimed with first-write so that only the first attempt's id is kept.</summary>
public sealed class DaprPlacementRequests(DaprSidecarClient dapr, OrderStoreOptions options) : IPlacementRequests
{
    public async Task<string> ClaimAsync(string requestId, string proposedOrderId, CancellationToken cancellationToken)
    {
        var key = "request-" + requestId;
        try
        {
            await dapr.SaveStateAsync(options.StateStore, key, ByteString.CopyFromUtf8(proposedOrderId), etag: null, StateConcurrency.FirstWrite, cancellationToken);
            return proposedOrderId;
        }
        catch (StateConcurrencyException)
        {
            var entry = await dapr.GetStateAsync(options.StateStore, key, cancellationToken);
            return entry.Data.ToStringUtf8();
        }
    }
}
