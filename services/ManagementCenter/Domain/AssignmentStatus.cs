namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>Where an assignment is in its life. Cancelled and Completed are terminal.</summary>
public enum AssignmentStatus
{
    /// <summary>No engineer works in the order's region yet; the order waits for one.</summary>
    Pending,

    /// <summary>An engineer of the region has the order.</summary>
    Assigned,

    /// <summary>The customer asked to cancel; the installation has not confirmed yet (it is asked until it answers).</summary>
    Cancelling,

    /// <summary>The installation is cancelled.</summary>
    Cancelled,

    /// <summary>The installation is done.</summary>
    Completed,
}
