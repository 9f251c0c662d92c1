namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;

/// <summary>A page of a customer's orders and the position the next page starts at (null: this was the last).</summary>
public sealed record OrderPage(IReadOnlyList<Order> Orders, int? NextPosition);

/// <summary>Reads for customers: one order, or a customer's orders newest first.</summary>
public sealed class OrderQueries(IOrderRepository orders, ICustomerOrderIndex customers)
{
    public async Task<Order> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await orders.FindAsync(orderId, cancellationToken)
        ?? throw new OrderRuleViolation(OrderRuleKind.NotFound, $"Order {orderId} does not exist.");

    /// <summary>Up to <paramref name="pageSize"/> orders from <paramref name="position"/> (the index entries already passed), newest first.</summary>
    public async Task<OrderPage> ListCustomerOrdersAsync(string customerId, int pageSize, int position, CancellationToken cancellationToken)
    {
        var newestFirst = (await customers.OrderIdsAsync(customerId, cancellationToken)).Reverse().ToList();
        var page = new List<Order>();
        for (; position < newestFirst.Count && page.Count < pageSize; position++)
        {
            // The index may name an order whose placement never committed: skip it.
            if (await orders.FindAsync(newestFirst[position], cancellationToken) is { } order)
            {
                page.Add(order);
            }
        }
        return new OrderPage(page, position < newestFirst.Count ? position : null);
    }
}
