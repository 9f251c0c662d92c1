using System.Text;
using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// A request id's order id, claimed with first-write so that only the first attempt's id is kept. The key holds the
/// customer id, which identifiers keep free of '/', so each customer has request ids of their own.
/// </summary>
public sealed class DaprPlacementRequests(StateStoreClient state, DaprNames names) : IPlacementRequests
{
    public async Task<string> ClaimAsync(string customerId, string requestId, string proposedOrderId, CancellationToken cancellationToken)
    {
        var key = $"request-{Uri.EscapeDataString(customerId)}/{Uri.EscapeDataString(requestId)}";
        try
        {
            await state.SaveStateAsync(names.StateStore, key, Encoding.UTF8.GetBytes(proposedOrderId), etag: null, StateConcurrency.FirstWrite, cancellationToken);
            return proposedOrderId;
        }
        catch (StateConcurrencyException)
        {
            var entry = await state.GetStateAsync(names.StateStore, key, cancellationToken);
            return Encoding.UTF8.GetString(entry.Data.Span);
        }
    }
}
