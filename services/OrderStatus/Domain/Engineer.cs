namespace PurifierRental.OrderStatusService.Domain;

/// <summary>The installation engineer who has the order.</summary>
public sealed record Engineer(string EngineerId, string Name, string Phone, string Region);
