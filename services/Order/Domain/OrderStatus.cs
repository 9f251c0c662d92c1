namespace PurifierRental.OrderService.Domain;

/// <summary>Where a rental application stands. COMPLETED and CANCELLED are final.</summary>
public enum OrderStatus
{
    Placed,
    CancellationRequested,
    Completed,
    Cancelled,
}

public static class OrderStatusExtensions
{
    public static bool IsFinal(this OrderStatus status) => status is OrderStatus.Completed or OrderStatus.Cancelled;
}
