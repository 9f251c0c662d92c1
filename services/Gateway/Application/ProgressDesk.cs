using Grpc.Core;
using PurifierRental.GatewayService.Domain;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.GatewayService.Application;

/// <summary>
/// The order status read model: staff see every order, a customer only theirs. A customer's listing and watch
/// are narrowed to their own orders by the read model's own customer filter, so nothing of others' is ever sent.
/// </summary>
public sealed class ProgressDesk(OrderStatusService.OrderStatusServiceClient statuses)
{
    public async Task<GetOrderStatusResponse> GetAsync(Caller? caller, GetOrderStatusRequest request, CallOptions options)
    {
        AccessRules.SignedIn(caller);
        var response = await statuses.GetOrderStatusAsync(request, options);
        AccessRules.ActOnOrder(caller, response.Progress?.Customer?.CustomerId ?? "");
        return response;
    }

    public async Task<ListOrderStatusesResponse> ListAsync(Caller? caller, ListOrderStatusesRequest request, CallOptions options)
    {
        request.CustomerId = AccessRules.ProgressOf(caller, request.CustomerId);
        return await statuses.ListOrderStatusesAsync(request, options);
    }

    /// <summary>
    /// Every change the caller may see, as it happens, until the caller goes away. The rules apply here, before
    /// anything is streamed, so a refusal is the answer itself rather than an end to a stream already begun.
    /// </summary>
    public IAsyncEnumerable<WatchOrderStatusesResponse> Watch(Caller? caller, WatchOrderStatusesRequest request, CallOptions options)
    {
        request.CustomerId = AccessRules.ProgressOf(caller, request.CustomerId);
        return StreamAsync(request, options);
    }

    private async IAsyncEnumerable<WatchOrderStatusesResponse> StreamAsync(WatchOrderStatusesRequest request, CallOptions options)
    {
        // dapr-stream: the sidecar applies resiliency to reaching orderstatus only, never cutting or repeating the stream.
        var headers = new Metadata { { "dapr-stream", "true" } };
        foreach (var entry in options.Headers ?? [])
        {
            headers.Add(entry);
        }
        using var call = statuses.WatchOrderStatuses(request, options.WithHeaders(headers));
        await foreach (var change in call.ResponseStream.ReadAllAsync(options.CancellationToken))
        {
            yield return change;
        }
    }
}
