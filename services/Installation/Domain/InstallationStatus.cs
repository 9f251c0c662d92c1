namespace PurifierRental.InstallationService.Domain;

/// <summary>Where a work order is in its life. Completed and Cancelled are terminal.</summary>
public enum InstallationStatus
{
    /// <summary>The engineer has the work order and visits on the scheduled date.</summary>
    Scheduled,

    /// <summary>The purifier is installed; it can no longer be cancelled.</summary>
    Completed,

    /// <summary>The order was cancelled; a later assignment is ignored.</summary>
    Cancelled,
}
