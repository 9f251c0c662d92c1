namespace PurifierRental.OrderService.Domain;

/// <summary>Why a command was refused; the adapters turn each kind into the matching gRPC status.</summary>
public enum OrderRuleKind
{
    /// <summary>The application itself is not acceptable (a field is missing or malformed).</summary>
    InvalidApplication,

    /// <summary>The order is in a state where the command makes no sense.</summary>
    InvalidTransition,

    /// <summary>There is no such order.</summary>
    NotFound,

    /// <summary>A request id already placed an order with another application.</summary>
    RequestIdReused,
}

public sealed class OrderRuleViolation(OrderRuleKind kind, string message) : Exception(message)
{
    public OrderRuleKind Kind { get; } = kind;
}
