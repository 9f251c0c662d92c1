namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>A request the center's rules refuse; the message is meant for the caller.</summary>
public abstract class ManagementCenterException(string message) : Exception(message);

/// <summary>The order has not reached the center.</summary>
public sealed class AssignmentNotFoundException(string orderId)
    : ManagementCenterException($"No assignment exists for order '{orderId}'; the order has not reached the management center.");

/// <summary>An engineer's details are missing or malformed.</summary>
public sealed class InvalidEngineerException(string field, string problem) : ManagementCenterException($"{field} {problem}")
{
    public string Field { get; } = field;
}
