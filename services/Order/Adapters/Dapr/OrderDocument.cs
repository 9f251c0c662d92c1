
namespace PurifierRental.OrderService.Adapters.Dapr;

using PurifierRental.OrderService.Domain;

/// <summary>How an order is stored: a flat JSON document, independent of the gRPC contract.</summary>
public sealed record OrderDocument(
    string OrderId,
    string CustomerId,
    string CustomerName,
    string CustomerPhone,
    string ProductCode,
    string AddressLine,
    string AddressDetail,
    string PostalCode,
    string Region,
    DateOnly PreferredInstallationDate,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    string CancelReason,
    string CancellationRejectionReason,
    OrderStatus? StatusBeforeCancellation,
    IReadOnlyList<string> AppliedEventIds)
{
    public static OrderDocument From(Order order) => new(
        order.OrderId,
        order.Application.Customer.CustomerId,
        order.Application.Customer.Name,
        order.Application.Customer.Phone,
        order.Application.ProductCode,
        order.Application.Address.AddressLine,
        order.Application.Address.AddressDetail,
        order.Application.Address.PostalCode,
        order.Application.Region,
        order.Application.PreferredInstallationDate,
        order.Status,
        order.PlacedAt,
        order.LastChangedAt,
        order.CompletedAt,
        order.CancelledAt,
        order.CancelReason,
        order.CancellationRejectionReason,
        order.StatusBeforeCancellation,
        order.AppliedEventIds);

    public Order ToOrder() => new(
        OrderId,
        new RentalApplication(
            new Customer(CustomerId, CustomerName, CustomerPhone),
            ProductCode,
            new InstallationAddress(AddressLine, AddressDetail, PostalCode),
            Region,
            PreferredInstallationDate),
        Status,
        PlacedAt,
        LastChangedAt,
        CompletedAt,
        CancelledAt,
        CancelReason,
        CancellationRejectionReason,
        StatusBeforeCancellation,
        AppliedEventIds);
}
