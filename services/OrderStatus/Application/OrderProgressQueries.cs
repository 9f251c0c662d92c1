using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application;

/// <summary>Reads of the views for customers and staff.</summary>
public sealed class OrderProgressQueries(IOrderProgressRepository views)
{
    public Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken) => views.FindAsync(orderId, cancellationToken);

    /// <summary>A page of at most <paramref name="pageSize"/> views; the API resolves the default and the cap as every list does.</summary>
    public Task<ProgressPage> ListAsync(ProgressFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return views.ListAsync(filter, pageSize, cursor, cancellationToken);
    }
}
