namespace PurifierRental.GatewayService.Domain;

/// <summary>
/// The role rules of the public API. A customer places, sees and cancels only their own orders (the customer is the
/// token's subject); an engineer sees and completes only their own work orders; staff see everything, cancel and
/// complete on anyone's behalf and keep the engineer roster. Each rule returns what the call may go on with (the
/// id it is about) or throws <see cref="AccessRefusedException"/>.
/// </summary>
public static class AccessRules
{
    public const string NotSignedInMessage = "Sign in first: this call needs a valid bearer token.";

    /// <summary>Placing an order is a customer's own act; the order is theirs, whatever the request says.</summary>
    public static string PlaceOrder(Caller? caller, string requestedCustomerId)
    {
        var who = SignedIn(caller);
        if (!who.Is(Role.Customer))
        {
            throw NotAllowed("Only a customer places an order, for themselves.");
        }
        return OwnId(who, requestedCustomerId, "A customer places orders only for themselves.");
    }

    /// <summary>Seeing or cancelling an order: its customer, or staff.</summary>
    public static void ActOnOrder(Caller? caller, string ownerCustomerId)
    {
        var who = SignedIn(caller);
        if (!who.Is(Role.Staff) && !who.IsThe(Role.Customer, ownerCustomerId))
        {
            throw NotAllowed("This order belongs to another customer.");
        }
    }

    /// <summary>Whose orders a listing covers: a customer's own, or any one customer's for staff.</summary>
    public static string CustomerOrders(Caller? caller, string requestedCustomerId)
    {
        var who = SignedIn(caller);
        if (who.Is(Role.Staff))
        {
            return requestedCustomerId;
        }
        if (!who.Is(Role.Customer))
        {
            throw NotAllowed("Only customers and staff see orders.");
        }
        return OwnId(who, requestedCustomerId, "A customer sees only their own orders.");
    }

    /// <summary>
    /// Which customer's progress a listing or a watch covers: everyone's (empty) or any one's for staff, the
    /// customer's own for a customer.
    /// </summary>
    public static string ProgressOf(Caller? caller, string requestedCustomerId) => CustomerOrders(caller, requestedCustomerId);

    /// <summary>Whose work orders a listing covers: an engineer's own, or any engineer's for staff.</summary>
    public static string WorkOrdersOf(Caller? caller, string requestedEngineerId)
    {
        var who = SignedIn(caller);
        if (who.Is(Role.Staff))
        {
            return requestedEngineerId;
        }
        if (!who.Is(Role.Engineer))
        {
            throw NotAllowed("Only engineers and staff see work orders.");
        }
        return OwnId(who, requestedEngineerId, "An engineer sees only their own work orders.");
    }

    /// <summary>Seeing one work order: its engineer, or staff.</summary>
    public static void SeeWorkOrder(Caller? caller, string assignedEngineerId)
    {
        var who = SignedIn(caller);
        if (!who.Is(Role.Staff) && !who.IsThe(Role.Engineer, assignedEngineerId))
        {
            throw NotAllowed("This work order belongs to another engineer.");
        }
    }

    /// <summary>
    /// The engineer a completion is made as: an engineer completes as themselves; staff complete on behalf of the
    /// engineer the work order is assigned to.
    /// </summary>
    public static string CompleteWorkOrder(Caller? caller, string requestedEngineerId, string assignedEngineerId)
    {
        var who = SignedIn(caller);
        if (who.Is(Role.Staff))
        {
            return assignedEngineerId;
        }
        if (!who.Is(Role.Engineer))
        {
            throw NotAllowed("Only the assigned engineer or staff complete a work order.");
        }
        var self = OwnId(who, requestedEngineerId, "An engineer completes only their own work orders.");
        return self == assignedEngineerId ? self : throw NotAllowed("This work order belongs to another engineer.");
    }

    /// <summary>
    /// Nobody cancels a work order from outside: the management center does, when its order is cancelled. Returns the
    /// refusal for a signed-in caller.
    /// </summary>
    public static AccessRefusedException CancelWorkOrder(Caller? caller)
    {
        SignedIn(caller);
        return NotAllowed("A work order is cancelled by cancelling its order.");
    }

    /// <summary>The roster and the assignments are the back office's.</summary>
    public static void BackOffice(Caller? caller)
    {
        if (!SignedIn(caller).Is(Role.Staff))
        {
            throw NotAllowed("Only staff see and keep the engineer roster and the assignments.");
        }
    }

    public static Caller SignedIn(Caller? caller) =>
        caller ?? throw new AccessRefusedException(AccessRefusal.NotSignedIn, NotSignedInMessage);

    /// <summary>The caller's own id: an id in the request may only repeat it.</summary>
    private static string OwnId(Caller who, string requested, string refusal) =>
        requested.Length == 0 || string.Equals(requested, who.Subject, StringComparison.Ordinal) ? who.Subject : throw NotAllowed(refusal);

    private static AccessRefusedException NotAllowed(string message) => new(AccessRefusal.NotAllowed, message);
}
