namespace PurifierRental.InstallationService.Domain;

/// <summary>A change of a work order that the rest of the system hears about.</summary>
public abstract record InstallationEvent(string OrderId, DateTimeOffset OccurredAt);

/// <summary>A work order was created for the assigned engineer.</summary>
public sealed record InstallationScheduled(string OrderId, DateTimeOffset OccurredAt, AssignedEngineer Engineer, string ScheduledDate, string Region)
    : InstallationEvent(OrderId, OccurredAt);

/// <summary>The engineer installed the purifier.</summary>
public sealed record InstallationCompleted(string OrderId, DateTimeOffset OccurredAt, AssignedEngineer Engineer)
    : InstallationEvent(OrderId, OccurredAt);

/// <summary>
/// The work order was cancelled. <paramref name="PreviousStatus"/> is null (and the engineer unknown)
/// when the cancellation came before the assignment.
/// </summary>
public sealed record InstallationCancelled(string OrderId, DateTimeOffset OccurredAt, string Reason, InstallationStatus? PreviousStatus, AssignedEngineer? Engineer)
    : InstallationEvent(OrderId, OccurredAt);
