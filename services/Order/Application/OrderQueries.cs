namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Reads for customers: one order, or a customer's orders newest first.</summary>
public sealed class OrderQueries(IOrderRepository orders, ICustomerOrderIndex customers)
{
    public async Task<Order> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await orders.FindAsync(orderId, cancellationToken)
        ?? throw new OrderRuleViolation(OrderRuleKind.NotFound, $"Order {orderId} does not exist.");

    /// <summary>A page of the customer's orders, newest first, from <paramref name="after"/> on.</summary>
    public Task<IndexWalk<Order>> ListCustomerOrdersAsync(string customerId, int pageSize, IndexCursor? after, CancellationToken cancellationToken) =>
        customers.ListAsync(customerId, pageSize, after, cancellationToken);
}
