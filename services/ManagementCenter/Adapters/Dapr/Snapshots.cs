namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using System.Text.Json;
using System.Text.Json.Serialization;
using PurifierRental.ManagementCenterService.Domain;

/// <summary>How snapshots are stored: camelCase JSON with enums by name.</summary>
internal static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record EngineerSnapshot(string EngineerId, string Name, string Phone, string Region)
{
    public static EngineerSnapshot? From(AssignedEngineer? e) => e is null ? null : new(e.EngineerId, e.Name, e.Phone, e.Region);

    public AssignedEngineer ToDomain() => new(EngineerId, Name, Phone, Region);
}

internal sealed record CustomerSnapshot(string CustomerId, string Name, string Phone);

internal sealed record AddressSnapshot(string AddressLine, string AddressDetail, string PostalCode);

/// <summary>An assignment as stored under assignment-&lt;orderId&gt;.</summary>
internal sealed record AssignmentSnapshot(
    string OrderId,
    AssignmentStatus Status,
    string Region,
    EngineerSnapshot? Engineer,
    CustomerSnapshot? Customer,
    string ProductCode,
    AddressSnapshot? Address,
    string PreferredInstallationDate,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset LastChangedAt,
    string CancelReason,
    string CancellationRejectionReason,
    IReadOnlyList<string>? SettledCancellations,
    string? CancellationInFlight,
    string? CountedFor = null)
{
    public static AssignmentSnapshot From(Assignment a) => new(
        a.OrderId, a.Status, a.Region, EngineerSnapshot.From(a.Engineer),
        a.Customer is { } c ? new CustomerSnapshot(c.CustomerId, c.Name, c.Phone) : null,
        a.ProductCode,
        a.Address is { } d ? new AddressSnapshot(d.AddressLine, d.AddressDetail, d.PostalCode) : null,
        a.PreferredInstallationDate, a.PlacedAt, a.AssignedAt, a.LastChangedAt, a.CancelReason, a.CancellationRejectionReason, a.SettledCancellations,
        a.CancellationInFlight, a.CountedFor.Length > 0 ? a.CountedFor : null);

    public Assignment ToDomain() => new(
        OrderId, Status, Region ?? "", Engineer?.ToDomain(),
        Customer is { } c ? new Customer(c.CustomerId, c.Name, c.Phone) : null,
        ProductCode ?? "",
        Address is { } d ? new InstallationAddress(d.AddressLine, d.AddressDetail, d.PostalCode) : null,
        PreferredInstallationDate ?? "", PlacedAt, AssignedAt, LastChangedAt, CancelReason ?? "", CancellationRejectionReason ?? "",
        SettledCancellations ?? [], CancellationInFlight ?? "", CountedFor ?? "");
}

/// <summary>An engineer on a stored roster; their load is their own document (rosters stored before it was kept there carry counts, which are ignored).</summary>
internal sealed record RosterEngineerSnapshot(string EngineerId, string Name, string Phone, DateTimeOffset RegisteredAt);

/// <summary>A region's roster as stored under roster-&lt;region&gt;: its engineers, and the waiting orders.</summary>
internal sealed record RosterSnapshot(string Region, IReadOnlyList<RosterEngineerSnapshot> Engineers, IReadOnlyList<string> PendingOrderIds)
{
    public static RosterSnapshot From(Roster r) => new(r.Region,
        [.. r.Engineers.Select(e => new RosterEngineerSnapshot(e.EngineerId, e.Name, e.Phone, e.RegisteredAt))],
        r.PendingOrderIds);

    public Roster ToDomain() => new(Region,
        [.. (Engineers ?? []).Select(e => new RosterEngineer(e.EngineerId, e.Name, e.Phone, Region, e.RegisteredAt))],
        PendingOrderIds ?? []);
}

/// <summary>An engineer's load as stored under load-&lt;engineerId&gt;: a count, and the orders it changed for last.</summary>
internal sealed record EngineerLoadSnapshot(string EngineerId, int Count, long Version, IReadOnlyList<string>? RecentlyCounted, IReadOnlyList<string>? RecentlyReleased)
{
    public static EngineerLoadSnapshot From(EngineerLoad l) => new(l.EngineerId, l.Count, l.Version, l.RecentlyCounted, l.RecentlyReleased);

    public EngineerLoad ToDomain() => new(EngineerId, Count, Version, RecentlyCounted ?? [], RecentlyReleased ?? []);
}

/// <summary>The regions that have a roster or assignments, under "regions".</summary>
internal sealed record RegionDirectorySnapshot(IReadOnlyList<string> Regions);

/// <summary>Some of the orders whose cancellation the installation has not answered yet, under "cancellations-in-flight-&lt;shard&gt;".</summary>
internal sealed record CancellationsInFlightSnapshot(IReadOnlyList<string> OrderIds);
