using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application;

/// <summary>Where the views are kept, one per order.</summary>
public interface IOrderProgressRepository
{
    /// <summary>The view of <paramref name="orderId"/>, or null when no event about it has arrived.</summary>
    Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives <paramref name="change"/> the stored view (null when there is none) and stores what it returns;
    /// null from <paramref name="change"/> stores nothing. When another writer changed the view in between,
    /// <paramref name="change"/> runs again on the fresh view: nothing is written over a concurrent change.
    /// Returns the view as stored, or null when nothing changed.
    /// </summary>
    Task<OrderProgress?> UpdateAsync(string orderId, Func<OrderProgress?, OrderProgress?> change, CancellationToken cancellationToken);

    /// <summary>
    /// The views matching <paramref name="filter"/>, newest first (by when the order, its region or its customer
    /// became known here), from the position <paramref name="cursor"/> names (null: the first page). A page may
    /// hold fewer views than asked for, even none, and still have a next cursor; the next cursor is null on the last page.
    /// </summary>
    Task<ProgressPage> ListAsync(ProgressFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken);
}

/// <summary>One page of views and where the next one starts (null when there are no more).</summary>
public sealed record ProgressPage(IReadOnlyList<OrderProgress> Orders, string? NextCursor);
