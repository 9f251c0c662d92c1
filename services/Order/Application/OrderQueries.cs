using System.Globalization;

namespace PurifierRental.OrderService.Application;

using PurifierRental.OrderService.Domain;

/// <summary>A page of a customer's orders and where the next page starts.</summary>
public sealed record OrderPage(IReadOnlyList<Order> Orders, string NextPageToken);

/// <summary>Reads for customers: one order, or a customer's orders newest first.</summary>
public sealed class OrderQueries(IOrderRepository orders, ICustomerOrderIndex customers)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<Order> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await orders.FindAsync(orderId, cancellationToken)
        ?? throw new OrderRuleViolation(OrderRuleKind.NotFound, $"Order {orderId} does not exist.");

    /// <summary>The page token is the number of index entries already returned.</summary>
    public async Task<OrderPage> ListCustomerOrdersAsync(string customerId, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = pageSize == 0 ? DefaultPageSize : pageSize;
        if (size is < 0 or > MaxPageSize)
        {
            throw new OrderRuleViolation(OrderRuleKind.InvalidApplication, $"page_size must be between 1 and {MaxPageSize}.");
        }
        var offset = 0;
        if (pageToken.Length > 0 && (!int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new OrderRuleViolation(OrderRuleKind.InvalidApplication, $"page_token '{pageToken}' was not issued by this service.");
        }
        var newestFirst = (await customers.OrderIdsAsync(customerId, cancellationToken)).Reverse().ToList();
        var page = new List<Order>();
        var position = offset;
        for (; position < newestFirst.Count && page.Count < size; position++)
        {
            // The index may name an order whose placement never committed: skip it.
            if (await orders.FindAsync(newestFirst[position], cancellationToken) is { } order)
            {
                page.Add(order);
            }
        }
        var next = position < newestFirst.Count ? position.ToString(CultureInfo.InvariantCulture) : "";
        return new OrderPage(page, next);
    }
}
