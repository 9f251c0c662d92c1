namespace PurifierRental.OrderService.Domain;

/// <summary>
/// A rental application (가입신청), the aggregate of the order context. It is placed, may be cancelled while
/// it is not final, and is completed or cancelled by what happens to its installation. Reactions to other
/// contexts' events are idempotent: an event already applied, or one that would move a final order, changes nothing.
/// </summary>
public sealed class Order
{
    /// <summary>How many applied event ids an order remembers to recognise redeliveries.</summary>
    public const int RememberedEvents = 32;

    private readonly List<string> _appliedEventIds;

    public Order(string orderId, RentalApplication application, OrderStatus status, DateTimeOffset placedAt, DateTimeOffset lastChangedAt,
        DateTimeOffset? completedAt = null, DateTimeOffset? cancelledAt = null, string cancelReason = "", string cancellationRejectionReason = "",
        OrderStatus? statusBeforeCancellation = null, IEnumerable<string>? appliedEventIds = null)
    {
        OrderId = orderId;
        Application = application;
        Status = status;
        PlacedAt = placedAt;
        LastChangedAt = lastChangedAt;
        CompletedAt = completedAt;
        CancelledAt = cancelledAt;
        CancelReason = cancelReason;
        CancellationRejectionReason = cancellationRejectionReason;
        StatusBeforeCancellation = statusBeforeCancellation;
        _appliedEventIds = appliedEventIds?.ToList() ?? [];
    }

    public string OrderId { get; }

    public RentalApplication Application { get; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; }

    public DateTimeOffset LastChangedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string CancelReason { get; private set; }

    public string CancellationRejectionReason { get; private set; }

    /// <summary>The status a rejected cancellation returns the order to.</summary>
    public OrderStatus? StatusBeforeCancellation { get; private set; }

    public IReadOnlyList<string> AppliedEventIds => _appliedEventIds;

    public static Transition Place(string orderId, RentalApplication application, DateTimeOffset now) =>
        new(new Order(orderId, application, OrderStatus.Placed, now, now), new OrderPlaced(orderId, now, application));

    /// <summary>Always accepted unless the order is final; asking again while a cancellation is pending is harmless.</summary>
    public Transition RequestCancellation(string reason, DateTimeOffset now)
    {
        if (Status.IsFinal())
        {
            throw new OrderRuleViolation(OrderRuleKind.InvalidTransition,
                $"Order {OrderId} is already {Describe(Status)} and can no longer be cancelled.");
        }
        if (Status == OrderStatus.CancellationRequested)
        {
            return Transition.Unchanged(this);
        }
        var previous = Status;
        StatusBeforeCancellation = previous;
        CancelReason = reason;
        CancellationRejectionReason = "";
        MoveTo(OrderStatus.CancellationRequested, now);
        return new Transition(this, new OrderCancellationRequested(OrderId, now, reason, previous));
    }

    /// <summary>The installation was completed: the order is complete, even if a cancellation was pending (it will be rejected).</summary>
    public Transition InstallationCompleted(string eventId, DateTimeOffset at)
    {
        if (!FirstTime(eventId) || Status.IsFinal())
        {
            return Recorded(eventId);
        }
        var previous = Status;
        CompletedAt = at;
        MoveTo(OrderStatus.Completed, at);
        Remember(eventId);
        return new Transition(this, new OrderCompleted(OrderId, at, previous));
    }

    /// <summary>The installation was cancelled: the order is cancelled, unless it is already final.</summary>
    public Transition InstallationCancelled(string eventId, string reason, DateTimeOffset at)
    {
        if (!FirstTime(eventId) || Status.IsFinal())
        {
            return Recorded(eventId);
        }
        var previous = Status;
        CancelledAt = at;
        if (string.IsNullOrEmpty(CancelReason))
        {
            CancelReason = reason;
        }
        MoveTo(OrderStatus.Cancelled, at);
        Remember(eventId);
        return new Transition(this, new OrderCancelled(OrderId, at, CancelReason, previous));
    }

    /// <summary>
    /// The management center could not cancel the installation (it was already done). A pending cancellation
    /// returns the order to where it was; otherwise only the reason is kept.
    /// </summary>
    public Transition CancellationRejected(string eventId, string rejectionReason, DateTimeOffset at)
    {
        if (!FirstTime(eventId))
        {
            return Transition.Unchanged(this);
        }
        CancellationRejectionReason = rejectionReason;
        if (Status == OrderStatus.CancellationRequested)
        {
            Status = StatusBeforeCancellation ?? OrderStatus.Placed;
        }
        LastChangedAt = Later(LastChangedAt, at);
        Remember(eventId);
        return new Transition(this, null);
    }

    private bool FirstTime(string eventId) => !_appliedEventIds.Contains(eventId);

    /// <summary>A redelivered or moot event changes nothing but is remembered, so a redelivery is recognised cheaply.</summary>
    private Transition Recorded(string eventId)
    {
        if (!FirstTime(eventId))
        {
            return Transition.Unchanged(this);
        }
        Remember(eventId);
        return new Transition(this, null);
    }

    private void MoveTo(OrderStatus status, DateTimeOffset at)
    {
        Status = status;
        LastChangedAt = Later(LastChangedAt, at);
    }

    private void Remember(string eventId)
    {
        _appliedEventIds.Add(eventId);
        if (_appliedEventIds.Count > RememberedEvents)
        {
            _appliedEventIds.RemoveAt(0);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.Completed => "completed",
        OrderStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}
