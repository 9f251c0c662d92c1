namespace PurifierRental.InstallationService.Domain;

/// <summary>A command that the work order's rules refuse; the message is meant for the caller.</summary>
public abstract class InstallationException(string message) : Exception(message);

/// <summary>No work order (and no cancellation record) exists for the order.</summary>
public sealed class InstallationNotFoundException(string orderId)
    : InstallationException($"No installation exists for order '{orderId}'.");

/// <summary>Someone other than the assigned engineer tried to act on the work order.</summary>
public sealed class NotAssignedEngineerException(string orderId, string engineerId)
    : InstallationException($"Engineer '{engineerId}' is not the engineer assigned to the installation of order '{orderId}'.");

/// <summary>The work order's status does not allow the command (e.g. completing a cancelled one).</summary>
public sealed class IllegalInstallationTransitionException(string message) : InstallationException(message);
