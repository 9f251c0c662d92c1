namespace PurifierRental.OrderStatusService.Domain;

/// <summary>Who applied for the rental, as the order's events describe them.</summary>
public sealed record Customer(string CustomerId, string Name, string Phone);
