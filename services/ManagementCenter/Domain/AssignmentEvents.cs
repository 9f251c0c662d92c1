namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>A change of an assignment that the rest of the system hears about.</summary>
public abstract record AssignmentEvent(string OrderId, DateTimeOffset OccurredAt);

/// <summary>The order went to an engineer; carries what the installation needs for the work order.</summary>
public sealed record EngineerAssigned(
    string OrderId, DateTimeOffset OccurredAt, AssignedEngineer Engineer, Customer? Customer, string ProductCode,
    InstallationAddress? Address, string Region, string PreferredInstallationDate) : AssignmentEvent(OrderId, OccurredAt);

/// <summary>Nobody works in the order's region yet; an EngineerAssigned follows once somebody does.</summary>
public sealed record AssignmentPending(string OrderId, DateTimeOffset OccurredAt, string Region, string Reason)
    : AssignmentEvent(OrderId, OccurredAt);

/// <summary>The installation refused to cancel because it is already complete.</summary>
public sealed record CancellationRejected(string OrderId, DateTimeOffset OccurredAt, string CancelReason, string RejectionReason)
    : AssignmentEvent(OrderId, OccurredAt);
