namespace PurifierRental.ManagementCenterService.Adapters;

using PurifierRental.ManagementCenterService.Domain;
using OrderProto = PurifierRental.Order.V1;
using Proto = PurifierRental.ManagementCenter.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

/// <summary>Domain values to and from the protobuf contracts, shared by the gRPC API and the events.</summary>
internal static class ContractMapping
{
    public static Proto.AssignedEngineer ToProto(this AssignedEngineer e) =>
        new() { EngineerId = e.EngineerId, Name = e.Name, Phone = e.Phone, Region = e.Region };

    public static OrderProto.Customer? ToProto(this Customer? c) =>
        c is null ? null : new() { CustomerId = c.CustomerId, Name = c.Name, Phone = c.Phone };

    public static OrderProto.InstallationAddress? ToProto(this InstallationAddress? a) =>
        a is null ? null : new() { AddressLine = a.AddressLine, AddressDetail = a.AddressDetail, PostalCode = a.PostalCode };

    public static Customer ToDomain(this OrderProto.Customer c) => new(c.CustomerId, c.Name, c.Phone);

    public static InstallationAddress ToDomain(this OrderProto.InstallationAddress a) => new(a.AddressLine, a.AddressDetail, a.PostalCode);

    public static Proto.AssignmentStatus ToProto(this AssignmentStatus status) => status switch
    {
        AssignmentStatus.Pending => Proto.AssignmentStatus.Pending,
        AssignmentStatus.Assigned => Proto.AssignmentStatus.Assigned,
        AssignmentStatus.Cancelling => Proto.AssignmentStatus.Cancelling,
        AssignmentStatus.Cancelled => Proto.AssignmentStatus.Cancelled,
        _ => Proto.AssignmentStatus.Completed,
    };

    public static Proto.Assignment ToProto(this Assignment a) => new()
    {
        OrderId = a.OrderId,
        Status = a.Status.ToProto(),
        Region = a.Region,
        Engineer = a.Engineer?.ToProto(),
        Customer = a.Customer.ToProto(),
        ProductCode = a.ProductCode,
        InstallationAddress = a.Address.ToProto(),
        PreferredInstallationDate = a.PreferredInstallationDate,
        PlacedAt = Stamp(a.PlacedAt),
        AssignedAt = Stamp(a.AssignedAt),
        LastChangedAt = Stamp(a.LastChangedAt),
        CancelReason = a.CancelReason,
        CancellationRejectionReason = a.CancellationRejectionReason,
    };

    public static Proto.Engineer ToProto(this RosterEngineer e) => new()
    {
        EngineerId = e.EngineerId,
        Name = e.Name,
        Phone = e.Phone,
        Region = e.Region,
        ActiveAssignments = e.ActiveAssignments,
        RegisteredAt = Stamp(e.RegisteredAt),
    };

    public static Timestamp? Stamp(DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
