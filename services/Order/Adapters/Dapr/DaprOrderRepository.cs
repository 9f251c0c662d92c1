using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService.Adapters.Dapr;

using PurifierRental.OrderService.Domain;


/// <summary>Orders as JSON documents in the order store; each change's event goes out through the store's outbox.</summary>
public sealed class DaprOrderRepository(AggregateStore<OrderDocument> store) : IOrderRepository
{
    public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await store.LoadAsync(Key(orderId), cancellationToken))?.Snapshot.ToOrder();

    public Task<T> UpdateAsync<T>(string orderId, Func<Order?, (Transition? Transition, T Result)> decide, CancellationToken cancellationToken) =>
        store.UpdateAsync(Key(orderId), loaded =>
        {
            var (transition, result) = decide(loaded?.Snapshot.ToOrder());
            return transition is { Changed: true }
                ? new Decision<OrderDocument, T>(OrderDocument.From(transition.Aggregate), transition.Event is null ? null : OrderEventEnvelope.From(transition.Event), result)
                : Decision<OrderDocument, T>.Unchanged(result);
        }, cancellationToken);

    private static string Key(string orderId) => "order-" + Uri.EscapeDataString(orderId);
}
