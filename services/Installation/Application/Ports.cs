namespace PurifierRental.InstallationService.Application;

using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Where work orders are kept. Updates are guarded against concurrent writers.</summary>
public interface IInstallationRepository
{
    Task<Installation?> GetAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The work orders of these orders that exist, in no particular order.</summary>
    Task<IReadOnlyList<Installation>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);

    /// <summary>
    /// Decides on the current work order (null: none yet) and stores the outcome with its event, atomically.
    /// <paramref name="decide"/> may run several times when another writer got in first, each time on fresh
    /// state; it returns null, or a transition that <see cref="Transition.Changes"/> nothing, to leave things
    /// as they are. Returns the work order as stored afterwards.
    /// </summary>
    Task<Installation?> UpdateAsync(string orderId, Func<Installation?, Transition?> decide, CancellationToken cancellationToken);
}

/// <summary>Which orders each engineer has a work order for: the listing index, read a bounded page at a time.</summary>
public interface IWorkOrderIndex
{
    /// <summary>Adds the order to the engineer's list; adding it again changes nothing.</summary>
    Task AddAsync(string engineerId, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The engineer's work orders in <paramref name="status"/> (null: any), most recently scheduled first, from
    /// <paramref name="after"/> on (null: the first page). A page may hold fewer than <paramref name="pageSize"/>
    /// work orders, even none, and still have a next one: each call reads a bounded part of the list.
    /// </summary>
    Task<IndexWalk<Installation>> ListAsync(string engineerId, InstallationStatus? status, int pageSize, IndexCursor? after, CancellationToken cancellationToken);
}
