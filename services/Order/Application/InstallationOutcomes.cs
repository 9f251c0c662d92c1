
namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;

/// <summary>How an order learns what happened to its installation and to its cancellation.</summary>
public sealed class InstallationOutcomes(IOrderRepository orders)
{
    /// <summary>Applies a reaction; false when the order is unknown (the event cannot belong to this system).</summary>
    public Task<bool> ApplyAsync(string orderId, Func<Order, Transition> react, CancellationToken cancellationToken) =>
        orders.UpdateAsync(orderId, order => order is null ? (null, false) : (react(order), true), cancellationToken);
}
