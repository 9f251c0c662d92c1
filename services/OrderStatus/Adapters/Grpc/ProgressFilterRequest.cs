using PurifierRental.OrderStatusService.Application;
using PurifierRental.ServiceDefaults.Api;
using Proto = PurifierRental.OrderStatus.V1;

namespace PurifierRental.OrderStatusService.Adapters.Grpc;

/// <summary>
/// The filter fields of ListOrderStatuses and WatchOrderStatuses, checked at the edge: a bad one fails with INVALID_ARGUMENT
/// and says what to send instead.
/// </summary>
internal static class ProgressFilterRequest
{
    public static ProgressFilter Filter(Proto.ProgressStatus status, string region, string customerId)
    {
        var wanted = ProgressMessages.ToDomain(status);
        if (wanted is null && status != Proto.ProgressStatus.Unspecified)
        {
            throw new InvalidRequestException("status", $"status {(int)status} is not a ProgressStatus; use PROGRESS_STATUS_UNSPECIFIED for any status.");
        }
        return new ProgressFilter(wanted, Optional(region), Optional(customerId));
    }

    /// <summary>An empty filter field means "any".</summary>
    public static string? Optional(string value) => value.Length == 0 ? null : value;
}
