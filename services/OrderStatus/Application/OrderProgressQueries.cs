using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application;

/// <summary>Reads of the views for customers and staff.</summary>
public sealed class OrderProgressQueries(IOrderProgressRepository views)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken) => views.FindAsync(orderId, cancellationToken);

    /// <summary>A page of at most <paramref name="requestedPageSize"/> views (0: the default; larger than the maximum: the maximum).</summary>
    public Task<ProgressPage> ListAsync(ProgressFilter filter, int requestedPageSize, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestedPageSize);
        var pageSize = requestedPageSize == 0 ? DefaultPageSize : Math.Min(requestedPageSize, MaxPageSize);
        return views.ListAsync(filter, pageSize, cursor, cancellationToken);
    }
}
