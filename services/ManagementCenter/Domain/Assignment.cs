namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>
/// The routing of one order to an engineer of its region; one per order, keyed by the order id. Events can
/// arrive in any order: a cancellation or completion that comes before the placement creates the assignment
/// in that state (a tombstone), and the late placement then only fills in the order's details.
/// <see cref="CancellationInFlight"/> is the id of the cancellation request the installation has not answered
/// yet (empty when none), so that whoever asks the installation again settles that same request.
/// <see cref="CountedFor"/> is the engineer whose <see cref="EngineerLoad"/> counts the order (empty when none).
/// </summary>
public sealed record Assignment(
    string OrderId,
    AssignmentStatus Status,
    string Region,
    AssignedEngineer? Engineer,
    Customer? Customer,
    string ProductCode,
    InstallationAddress? Address,
    string PreferredInstallationDate,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset LastChangedAt,
    string CancelReason,
    string CancellationRejectionReason,
    IReadOnlyList<string> SettledCancellations,
    string CancellationInFlight = "",
    string CountedFor = "")
{
    /// <summary>How many settled cancellation requests are remembered to recognise their redelivery.</summary>
    private const int SettledCancellationMemory = 16;

    /// <summary>True once OrderPlaced has arrived and the order's details are known.</summary>
    public bool IsPlaced => PlacedAt is not null;

    /// <summary>True while the order counts towards its engineer's load.</summary>
    public bool HoldsEngineer => Engineer is not null && Status is AssignmentStatus.Assigned or AssignmentStatus.Cancelling;

    /// <summary>Routes a new order: to <paramref name="leastLoaded"/> when the region has an engineer, else it waits.</summary>
    public static Transition Place(OrderPlacement order, AssignedEngineer? leastLoaded, DateTimeOffset now)
    {
        var pending = new Assignment(order.OrderId, AssignmentStatus.Pending, order.Region, null, order.Customer, order.ProductCode,
            order.Address, order.PreferredInstallationDate, order.PlacedAt, null, now, "", "", []);
        return leastLoaded is null
            ? new Transition(pending, new AssignmentPending(order.OrderId, now, order.Region,
                $"No engineer works in region '{order.Region}' yet; the order waits until one registers."))
            : pending.AssignTo(leastLoaded, now);
    }

    /// <summary>A cancellation request for an order not seen yet: there is nothing to route, but the installation must still be cancelled.</summary>
    public static Transition CancellationBeforePlacement(string orderId, string cancellationId, string reason, DateTimeOffset now) =>
        new(Tombstone(orderId, AssignmentStatus.Cancelling, now) with { CancelReason = reason, CancellationInFlight = cancellationId }, null);

    /// <summary>The order was completed or cancelled before its placement reached the center.</summary>
    public static Transition ClosedBeforePlacement(string orderId, AssignmentStatus terminal, string cancelReason, DateTimeOffset now) =>
        new(Tombstone(orderId, terminal, now) with { CancelReason = cancelReason }, null);

    /// <summary>OrderPlaced after a tombstone: the order keeps its status and only gains its details.</summary>
    public Transition RecordPlacement(OrderPlacement order, DateTimeOffset now) => IsPlaced
        ? Transition.Unchanged(this)
        : new Transition(this with
        {
            Region = order.Region,
            Customer = order.Customer,
            ProductCode = order.ProductCode,
            Address = order.Address,
            PreferredInstallationDate = order.PreferredInstallationDate,
            PlacedAt = order.PlacedAt,
            LastChangedAt = now,
        }, null);

    /// <summary>Gives a waiting order to an engineer. Only a pending order can be assigned.</summary>
    public Transition AssignTo(AssignedEngineer engineer, DateTimeOffset now)
    {
        if (Status != AssignmentStatus.Pending)
        {
            return Transition.Unchanged(this);
        }
        var assigned = this with { Status = AssignmentStatus.Assigned, Engineer = engineer, AssignedAt = now, LastChangedAt = now };
        return new Transition(assigned, new EngineerAssigned(OrderId, now, engineer, Customer, ProductCode, Address, Region, PreferredInstallationDate));
    }

    /// <summary>
    /// The customer asked to cancel: the installation is now to be cancelled. Terminal assignments, and a
    /// request already answered (its redelivery), stay as they are.
    /// </summary>
    public Transition RequestCancellation(string cancellationId, string reason, DateTimeOffset now) => Status switch
    {
        AssignmentStatus.Pending or AssignmentStatus.Assigned when !HasSettled(cancellationId) => new Transition(this with
        {
            Status = AssignmentStatus.Cancelling,
            CancelReason = reason,
            CancellationInFlight = cancellationId,
            LastChangedAt = now,
        }, null),
        _ => Transition.Unchanged(this),
    };

    /// <summary>The installation confirmed the cancellation.</summary>
    public Transition ConfirmCancellation(string cancellationId, DateTimeOffset now) => Status switch
    {
        AssignmentStatus.Pending or AssignmentStatus.Assigned or AssignmentStatus.Cancelling =>
            new Transition(Settle(cancellationId) with { Status = AssignmentStatus.Cancelled, LastChangedAt = now }, null),
        _ => Transition.Unchanged(this),
    };

    /// <summary>
    /// The installation refused to cancel because it is complete: the order goes on (and completes), and the
    /// refusal is published once per cancellation request.
    /// </summary>
    public Transition RejectCancellation(string cancellationId, string cancelReason, string rejectionReason, DateTimeOffset now)
    {
        if (HasSettled(cancellationId) || Status == AssignmentStatus.Cancelled)
        {
            return Transition.Unchanged(this);
        }
        var status = Status switch
        {
            AssignmentStatus.Cancelling => Engineer is null ? AssignmentStatus.Pending : AssignmentStatus.Assigned,
            _ => Status,
        };
        var rejected = Settle(cancellationId) with
        {
            Status = status,
            CancelReason = cancelReason,
            CancellationRejectionReason = rejectionReason,
            LastChangedAt = now,
        };
        return new Transition(rejected, new CancellationRejected(OrderId, now, cancelReason, rejectionReason));
    }

    /// <summary>The order completed (its installation is done). A cancelled assignment stays cancelled.</summary>
    public Transition Complete(DateTimeOffset now) => Status is AssignmentStatus.Cancelled or AssignmentStatus.Completed
        ? Transition.Unchanged(this)
        : new Transition(this with { Status = AssignmentStatus.Completed, LastChangedAt = now }, null);

    /// <summary>The order was cancelled (its installation is cancelled). A completed assignment stays completed.</summary>
    public Transition Cancel(string reason, DateTimeOffset now) => Status is AssignmentStatus.Cancelled or AssignmentStatus.Completed
        ? Transition.Unchanged(this)
        : new Transition(this with
        {
            Status = AssignmentStatus.Cancelled,
            CancelReason = CancelReason.Length > 0 ? CancelReason : reason,
            LastChangedAt = now,
        }, null);

    /// <summary>The engineer whose load should count the order now: its engineer while it holds them, else nobody ("").</summary>
    public string CountingEngineer => HoldsEngineer ? Engineer!.EngineerId : "";

    /// <summary>Records that <paramref name="engineerId"/>'s load (none: "") now counts the order.</summary>
    public Transition RecordCounted(string engineerId) =>
        CountedFor == engineerId ? Transition.Unchanged(this) : new Transition(this with { CountedFor = engineerId }, null);

    /// <summary>Whether the cancellation request with this id was already answered (cancelled or refused).</summary>
    public bool HasSettled(string cancellationId) => SettledCancellations.Contains(cancellationId);

    private Assignment Settle(string cancellationId) => this with
    {
        SettledCancellations = [.. SettledCancellations.Append(cancellationId).TakeLast(SettledCancellationMemory)],
        CancellationInFlight = "",
    };

    private static Assignment Tombstone(string orderId, AssignmentStatus status, DateTimeOffset now) =>
        new(orderId, status, "", null, null, "", null, "", null, null, now, "", "", []);
}
