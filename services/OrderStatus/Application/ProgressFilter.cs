using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Application;

/// <summary>Which views a list or a watch wants; every criterion that is set must hold, none set matches all.</summary>
public sealed record ProgressFilter(ProgressStatus? Status = null, string? Region = null, string? CustomerId = null)
{
    public static readonly ProgressFilter All = new();

    public bool Matches(OrderProgress view) =>
        (Status is not { } status || view.Status == status)
        && (Region is null || view.Details.Region == Region)
        && (CustomerId is null || view.Details.Customer?.CustomerId == CustomerId);
}

/// <summary>What one watcher wants to see: changes of one order, or of every order, that match a filter after the change.</summary>
public sealed record WatchFilter(string? OrderId, ProgressFilter Progress)
{
    public bool Matches(OrderProgress view) => (OrderId is null || view.OrderId == OrderId) && Progress.Matches(view);
}
