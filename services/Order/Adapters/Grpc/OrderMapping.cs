using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.ServiceDefaults.Api;
using Proto = PurifierRental.Order.V1;

namespace PurifierRental.OrderService.Adapters.Grpc;

using PurifierRental.OrderService.Domain;


/// <summary>Between the gRPC contract and the domain.</summary>
public static class OrderMapping
{
    public static Proto.Order ToProto(Order order)
    {
        var proto = new Proto.Order
        {
            OrderId = order.OrderId,
            Customer = ToProto(order.Application.Customer),
            ProductCode = order.Application.ProductCode,
            InstallationAddress = ToProto(order.Application.Address),
            Region = order.Application.Region,
            PreferredInstallationDate = ToProto(order.Application.PreferredInstallationDate),
            Status = ToProto(order.Status),
            PlacedAt = Timestamp.FromDateTimeOffset(order.PlacedAt),
            LastChangedAt = Timestamp.FromDateTimeOffset(order.LastChangedAt),
            CancelReason = order.CancelReason,
            CancellationRejectionReason = order.CancellationRejectionReason,
        };
        if (order.CompletedAt is { } completed)
        {
            proto.CompletedAt = Timestamp.FromDateTimeOffset(completed);
        }
        if (order.CancelledAt is { } cancelled)
        {
            proto.CancelledAt = Timestamp.FromDateTimeOffset(cancelled);
        }
        return proto;
    }

    public static Proto.Customer ToProto(Customer customer) =>
        new() { CustomerId = customer.CustomerId, Name = customer.Name, Phone = customer.Phone };

    public static Proto.InstallationAddress ToProto(InstallationAddress address) =>
        new() { AddressLine = address.AddressLine, AddressDetail = address.AddressDetail, PostalCode = address.PostalCode };

    public static string ToProto(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Proto.OrderStatus ToProto(OrderStatus status) => status switch
    {
        OrderStatus.Placed => Proto.OrderStatus.Placed,
        OrderStatus.CancellationRequested => Proto.OrderStatus.CancellationRequested,
        OrderStatus.Completed => Proto.OrderStatus.Completed,
        OrderStatus.Cancelled => Proto.OrderStatus.Cancelled,
        _ => Proto.OrderStatus.Unspecified,
    };

    /// <summary>Turns a PlaceOrder request into an application; a malformed date is reported like any other invalid field.</summary>
    public static RentalApplication ToApplication(Proto.PlaceOrderRequest request)
    {
        if (!DateOnly.TryParseExact(request.PreferredInstallationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidRequestException("preferred_installation_date",
                $"Invalid rental application: preferred_installation_date '{request.PreferredInstallationDate}' must be a date written YYYY-MM-DD.");
        }
        var customer = request.Customer ?? new Proto.Customer();
        var address = request.InstallationAddress ?? new Proto.InstallationAddress();
        return new RentalApplication(
            new Customer(customer.CustomerId.Trim(), customer.Name.Trim(), customer.Phone.Trim()),
            request.ProductCode.Trim(),
            new InstallationAddress(address.AddressLine.Trim(), address.AddressDetail.Trim(), address.PostalCode.Trim()),
            request.Region.Trim(),
            date);
    }
}
