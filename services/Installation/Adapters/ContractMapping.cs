namespace PurifierRental.InstallationService.Adapters;

using PurifierRental.InstallationService.Domain;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;
using Proto = PurifierRental.Installation.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

/// <summary>Domain values to and from the protobuf contracts, shared by the gRPC API and the events.</summary>
internal static class ContractMapping
{
    public static McProto.AssignedEngineer ToProto(this AssignedEngineer e) =>
        new() { EngineerId = e.EngineerId, Name = e.Name, Phone = e.Phone, Region = e.Region };

    public static AssignedEngineer ToDomain(this McProto.AssignedEngineer e) => new(e.EngineerId, e.Name, e.Phone, e.Region);

    public static Customer ToDomain(this OrderProto.Customer c) => new(c.CustomerId, c.Name, c.Phone);

    public static InstallationAddress ToDomain(this OrderProto.InstallationAddress a) => new(a.AddressLine, a.AddressDetail, a.PostalCode);

    public static Proto.InstallationStatus ToProto(this InstallationStatus? status) => status switch
    {
        InstallationStatus.Scheduled => Proto.InstallationStatus.Scheduled,
        InstallationStatus.Completed => Proto.InstallationStatus.Completed,
        InstallationStatus.Cancelled => Proto.InstallationStatus.Cancelled,
        _ => Proto.InstallationStatus.Unspecified,
    };

    public static Proto.Installation ToProto(this Installation i)
    {
        var proto = new Proto.Installation
        {
            OrderId = i.OrderId,
            Status = ((InstallationStatus?)i.Status).ToProto(),
            Engineer = i.Engineer?.ToProto(),
            ProductCode = i.ProductCode,
            Region = i.Region,
            ScheduledDate = i.ScheduledDate,
            ScheduledAt = Stamp(i.ScheduledAt),
            CompletedAt = Stamp(i.CompletedAt),
            CancelledAt = Stamp(i.CancelledAt),
            CancelReason = i.CancelReason,
            LastChangedAt = Stamp(i.LastChangedAt),
        };
        if (i.Customer is { } c)
        {
            proto.Customer = new OrderProto.Customer { CustomerId = c.CustomerId, Name = c.Name, Phone = c.Phone };
        }
        if (i.Address is { } a)
        {
            proto.InstallationAddress = new OrderProto.InstallationAddress { AddressLine = a.AddressLine, AddressDetail = a.AddressDetail, PostalCode = a.PostalCode };
        }
        return proto;
    }

    public static Timestamp? Stamp(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
