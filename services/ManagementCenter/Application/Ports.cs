namespace PurifierRental.ManagementCenterService.Application;

using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.State;

/// <summary>Where assignments are kept, one per order. Updates are guarded against concurrent writers.</summary>
public interface IAssignmentRepository
{
    Task<Assignment?> GetAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The assignments of these orders that exist, in no particular order.</summary>
    Task<IReadOnlyList<Assignment>> GetManyAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);

    /// <summary>
    /// Decides on the current assignment (null: none yet) and stores the outcome with its event, atomically.
    /// <paramref name="decide"/> may run several times when another writer got in first, each time on fresh
    /// state; it returns null, or a transition that <see cref="Transition.Changes"/> nothing, to leave things
    /// as they are. Returns the assignment as stored afterwards.
    /// </summary>
    Task<Assignment?> UpdateAsync(string orderId, Func<Assignment?, Transition?> decide, CancellationToken cancellationToken);
}

/// <summary>The roster of each region, one document per region.</summary>
public interface IRosterRepository
{
    Task<Roster?> GetAsync(string region, CancellationToken cancellationToken);

    Task<IReadOnlyList<Roster>> GetManyAsync(IReadOnlyCollection<string> regions, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the region's roster (null: none yet) guarded by its ETag, deciding again after a lost race.
    /// <paramref name="change"/> returns null to leave it as it is. Returns the roster as stored afterwards.
    /// </summary>
    Task<Roster?> UpdateAsync(string region, Func<Roster?, Roster?> change, CancellationToken cancellationToken);
}

/// <summary>Each engineer's load, one document per engineer, whichever region they are in.</summary>
public interface IEngineerLoadRepository
{
    /// <summary>
    /// Changes the engineer's load (null: none yet) guarded by its ETag, deciding again after a lost race.
    /// <paramref name="change"/> returns null to leave it as it is. Returns the load as stored afterwards.
    /// </summary>
    Task<EngineerLoad?> UpdateAsync(string engineerId, Func<EngineerLoad?, EngineerLoad?> change, CancellationToken cancellationToken);

    /// <summary>The loads of those of <paramref name="engineerIds"/> that have one, read in one call.</summary>
    Task<IReadOnlyList<EngineerLoad>> GetManyAsync(IReadOnlyCollection<string> engineerIds, CancellationToken cancellationToken);
}

/// <summary>The regions that have a roster or assignments, so that unfiltered lists can find them.</summary>
public interface IRegionDirectory
{
    Task<IReadOnlyCollection<string>> GetRegionsAsync(CancellationToken cancellationToken);

    /// <summary>Lists the region; listing it again changes nothing.</summary>
    Task AddAsync(string region, CancellationToken cancellationToken);
}

/// <summary>
/// Which orders have an assignment, by region (null: orders whose placement has not arrived): the listing index,
/// read a bounded page at a time.
/// </summary>
public interface IAssignmentIndex
{
    /// <summary>Adds the order; adding it again changes nothing.</summary>
    Task AddAsync(string? region, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The assignments that match <paramref name="filter"/>, from <paramref name="after"/> on (null: the first page):
    /// the orders not placed yet first, then region by region, the most recently placed first within each part of
    /// a region's index. A page may hold fewer than <paramref name="pageSize"/> assignments, even none, and still
    /// have a next one: each call reads a bounded part of the index.
    /// </summary>
    Task<IndexWalk<Assignment>> ListAsync(AssignmentFilter filter, int pageSize, IndexCursor? after, CancellationToken cancellationToken);
}

/// <summary>
/// The orders whose cancellation the installation has not answered yet, so they are asked again until it
/// does, whatever becomes of the event that requested them.
/// </summary>
public interface ICancellationsInFlight
{
    Task<IReadOnlyCollection<string>> GetOrderIdsAsync(CancellationToken cancellationToken);

    /// <summary>Adds the order; adding it again changes nothing.</summary>
    Task AddAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Removes the order; removing one that is not listed changes nothing.</summary>
    Task RemoveAsync(string orderId, CancellationToken cancellationToken);
}

/// <summary>How the installation answered a cancellation.</summary>
public enum InstallationCancelAnswer
{
    /// <summary>Cancelled (now or before); the installation publishes InstallationCancelled.</summary>
    Cancelled,

    /// <summary>Refused: the installation is already complete.</summary>
    AlreadyCompleted,

    /// <summary>No answer: unreachable, too slow, or its circuit breaker is open. Asking again later may succeed.</summary>
    Unavailable,

    /// <summary>Refused the request itself; asking again cannot succeed.</summary>
    Invalid,
}

/// <summary>The installation's answer and the detail it gave.</summary>
public sealed record InstallationCancelResult(InstallationCancelAnswer Answer, string Detail);

/// <summary>The installation service, called synchronously to cancel an order's installation.</summary>
public interface IInstallationCanceller
{
    Task<InstallationCancelResult> CancelAsync(string orderId, string reason, CancellationToken cancellationToken);
}
