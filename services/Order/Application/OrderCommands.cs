
namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults.SharedKernel;

/// <summary>The use cases customers drive: place and cancel a rental application.</summary>
public sealed class OrderCommands(IOrderRepository orders, ICustomerOrderIndex customers, IPlacementRequests requests, TimeProvider clock)
{
    /// <summary>
    /// Places an application under the customer's request id: a retry returns the order the first attempt created;
    /// the same request id with another application is refused, since returning the first order would silently
    /// drop it. The customer index is written first, so it never misses an order (it may name one that a crash left unwritten).
    /// </summary>
    public async Task<Order> PlaceAsync(RentalApplication application, string requestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        RentalApplicationRules.Validate(application, DateOnly.FromDateTime(now.UtcDateTime));
        if (!Identifier.IsValid(requestId))
        {
            throw new OrderRuleViolation(OrderRuleKind.InvalidApplication, $"Invalid rental application: request_id must be {Identifier.Rule}.");
        }
        // A retried request finds the order its first attempt created, so the order is decided on what is stored.
        var customerId = application.Customer.CustomerId;
        var orderId = await requests.ClaimAsync(customerId, requestId, Guid.NewGuid().ToString("N"), cancellationToken);
        await customers.AddAsync(customerId, orderId, cancellationToken);
        return await orders.UpdateAsync(orderId, current =>
        {
            if (current is not null)
            {
                return current.Application == application
                    ? (null, current)
                    : throw new OrderRuleViolation(OrderRuleKind.RequestIdReused,
                        $"request_id '{requestId}' already placed order {current.OrderId} with a different application; send a new request_id for a new application.");
            }
            var placed = Order.Place(orderId, application, now);
            return (placed, placed.Aggregate);
        }, cancellationToken);
    }

    /// <summary>Asks to cancel; accepted whatever the state of the other services, refused only for a final order.</summary>
    public Task<Order> CancelAsync(string orderId, string reason, CancellationToken cancellationToken) =>
        orders.UpdateAsync(orderId, order =>
        {
            if (order is null)
            {
                throw new OrderRuleViolation(OrderRuleKind.NotFound, $"Order {orderId} does not exist.");
            }
            return (order.RequestCancellation(reason, clock.GetUtcNow()), order);
        }, cancellationToken);
}
