using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService.Adapters.Dapr;

using PurifierRental.OrderService.Domain;


/// <summary>Orders as JSON documents in the order store; each change's event goes out through the store's outbox.</summary>
public sealed class DaprOrderRepository(AggregateStore<OrderDocument> store) : IOrderRepository
{
    public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await store.LoadAsync(Key(orderId), cancellationToken))?.Snapshot.ToOrder();

    public Task CreateAsync(Order order, OrderPlaced placed, CancellationToken cancellationToken) =>
        store.CreateAsync(Key(order.OrderId), OrderDocument.From(order), OrderEventEnvelope.From(placed), cancellationToken);

    public Task<T> UpdateAsync<T>(string orderId, Func<Order?, (Order? Order, OrderChange Change, T Result)> decide, CancellationToken cancellationToken) =>
        store.UpdateAsync(Key(orderId), loaded =>
        {
            var (order, change, result) = decide(loaded?.Snapshot.ToOrder());
            return change.Changed && order is not null
                ? new Decision<OrderDocument, T>(OrderDocument.From(order), change.Event is null ? null : OrderEventEnvelope.From(change.Event), result)
                : Decision<OrderDocument, T>.Unchanged(result);
        }, cancellationToken);

    private static string Key(string orderId) => "order-" + Uri.EscapeDataString(orderId);
}
