using System.Text.Json;
using System.Text.Json.Serialization;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// How one view is stored in orderstatus-store under its order id, as camelCase JSON, together with the page of
/// each index list the order was added to (<see cref="ListedOn"/>), so that it is shown in a list only from that page.
/// </summary>
internal sealed record OrderProgressDocument
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public required string OrderId { get; init; }

    public ProgressStatus Status { get; init; }

    public bool CancellationPending { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? CustomerPhone { get; init; }

    public string ProductCode { get; init; } = "";

    public string Region { get; init; } = "";

    public AddressDocument? InstallationAddress { get; init; }

    public string PreferredInstallationDate { get; init; } = "";

    public EngineerDocument? Engineer { get; init; }

    public string ScheduledDate { get; init; } = "";

    public string CancelReason { get; init; } = "";

    public string CancellationRejectionReason { get; init; } = "";

    public DateTimeOffset? PlacedAt { get; init; }

    public DateTimeOffset? CancellationRequestedAt { get; init; }

    public DateTimeOffset? CancellationRejectedAt { get; init; }

    public DateTimeOffset LastChangedAt { get; init; }

    public long Version { get; init; }

    public IReadOnlyList<StepDocument> Steps { get; init; } = [];

    public IReadOnlyList<string> AppliedEventIds { get; init; } = [];

    /// <summary>
    /// The index lists that show this order, each with the page it was added to. An order added to a list again
    /// (a redelivered event whose first delivery failed after the index write) is shown from this page only.
    /// </summary>
    public IReadOnlyDictionary<string, int> ListedOn { get; init; } = new Dictionary<string, int>();

    public static byte[] Serialize(OrderProgress view, IReadOnlyDictionary<string, int> listedOn) =>
        JsonSerializer.SerializeToUtf8Bytes(From(view) with { ListedOn = listedOn }, Json);

    public static OrderProgressDocument Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<OrderProgressDocument>(json, Json) ?? throw new JsonException("The stored view is JSON null.");

    public static OrderProgress Deserialize(ReadOnlySpan<byte> json) => Parse(json).ToDomain();

    private static OrderProgressDocument From(OrderProgress view) => new()
    {
        OrderId = view.OrderId,
        Status = view.Status,
        CancellationPending = view.CancellationPending,
        CustomerId = view.Details.Customer?.CustomerId,
        CustomerName = view.Details.Customer?.Name,
        CustomerPhone = view.Details.Customer?.Phone,
        ProductCode = view.Details.ProductCode,
        Region = view.Details.Region,
        InstallationAddress = view.Details.InstallationAddress is { } a ? new AddressDocument(a.AddressLine, a.AddressDetail, a.PostalCode) : null,
        PreferredInstallationDate = view.Details.PreferredInstallationDate,
        Engineer = view.Engineer is { } e ? new EngineerDocument(e.EngineerId, e.Name, e.Phone, e.Region) : null,
        ScheduledDate = view.ScheduledDate,
        CancelReason = view.CancelReason,
        CancellationRejectionReason = view.CancellationRejectionReason,
        PlacedAt = view.PlacedAt,
        CancellationRequestedAt = view.CancellationRequestedAt,
        CancellationRejectedAt = view.CancellationRejectedAt,
        LastChangedAt = view.LastChangedAt,
        Version = view.Version,
        Steps = [.. view.Steps.Select(s => new StepDocument(s.EventId, s.EventType, s.OccurredAt, s.Reaches, s.Cancellation, s.Reason))],
        AppliedEventIds = view.AppliedEvents.Ids,
    };

    public OrderProgress ToDomain() => new()
    {
        OrderId = OrderId,
        Status = Status,
        CancellationPending = CancellationPending,
        Details = new OrderDetails(
            CustomerId is null && CustomerName is null && CustomerPhone is null ? null : new Customer(CustomerId ?? "", CustomerName ?? "", CustomerPhone ?? ""),
            ProductCode,
            InstallationAddress is { } a ? new InstallationAddress(a.AddressLine, a.AddressDetail, a.PostalCode) : null,
            Region,
            PreferredInstallationDate),
        Engineer = Engineer is { } e ? new Engineer(e.EngineerId, e.Name, e.Phone, e.Region) : null,
        ScheduledDate = ScheduledDate,
        CancelReason = CancelReason,
        CancellationRejectionReason = CancellationRejectionReason,
        PlacedAt = PlacedAt,
        CancellationRequestedAt = CancellationRequestedAt,
        CancellationRejectedAt = CancellationRejectedAt,
        LastChangedAt = LastChangedAt,
        Version = Version,
        Steps = [.. Steps.Select(s => new ProgressStep(s.EventId, s.EventType, s.OccurredAt, s.Reaches, s.Cancellation, s.Reason))],
        AppliedEvents = new AppliedEvents([.. AppliedEventIds]),
    };
}

internal sealed record AddressDocument(string AddressLine, string AddressDetail, string PostalCode);

internal sealed record EngineerDocument(string EngineerId, string Name, string Phone, string Region);

/// <summary>One step of the history; the transitions are told from the steps when the view is read.</summary>
internal sealed record StepDocument(
    string EventId, string EventType, DateTimeOffset OccurredAt, ProgressStatus Reaches, CancellationEffect Cancellation, string Reason);
