namespace PurifierRental.InstallationService.Adapters.Dapr;

using System.Text.Json;
using System.Text.Json.Serialization;
using PurifierRental.InstallationService.Domain;

/// <summary>How snapshots are stored: camelCase JSON with enums by name.</summary>
internal static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record EngineerSnapshot(string EngineerId, string Name, string Phone, string Region);

internal sealed record CustomerSnapshot(string CustomerId, string Name, string Phone);

internal sealed record AddressSnapshot(string AddressLine, string AddressDetail, string PostalCode);

/// <summary>A work order as stored under installation-&lt;orderId&gt;.</summary>
internal sealed record InstallationSnapshot(
    string OrderId,
    InstallationStatus Status,
    EngineerSnapshot? Engineer,
    CustomerSnapshot? Customer,
    string ProductCode,
    AddressSnapshot? Address,
    string Region,
    string ScheduledDate,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    string CancelReason,
    DateTimeOffset LastChangedAt)
{
    public static InstallationSnapshot From(Installation i) => new(
        i.OrderId, i.Status,
        i.Engineer is { } e ? new EngineerSnapshot(e.EngineerId, e.Name, e.Phone, e.Region) : null,
        i.Customer is { } c ? new CustomerSnapshot(c.CustomerId, c.Name, c.Phone) : null,
        i.ProductCode,
        i.Address is { } a ? new AddressSnapshot(a.AddressLine, a.AddressDetail, a.PostalCode) : null,
        i.Region, i.ScheduledDate, i.ScheduledAt, i.CompletedAt, i.CancelledAt, i.CancelReason, i.LastChangedAt);

    public Installation ToDomain() => new(
        OrderId, Status,
        Engineer is { } e ? new AssignedEngineer(e.EngineerId, e.Name, e.Phone, e.Region) : null,
        Customer is { } c ? new Customer(c.CustomerId, c.Name, c.Phone) : null,
        ProductCode ?? "",
        Address is { } a ? new InstallationAddress(a.AddressLine, a.AddressDetail, a.PostalCode) : null,
        Region ?? "", ScheduledDate ?? "", ScheduledAt, CompletedAt, CancelledAt, CancelReason ?? "", LastChangedAt);
}
