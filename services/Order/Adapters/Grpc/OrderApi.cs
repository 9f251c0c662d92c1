using Grpc.Core;
using PurifierRental.Order.V1;
using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Domain;
using PurifierRental.ServiceDefaults.Api;

namespace PurifierRental.OrderService.Adapters.Grpc;

/// <summary>OrderService over gRPC: requests in, answers out; refusals become statuses in the service's interceptor.</summary>
public sealed class OrderApi(OrderCommands commands, OrderQueries queries) : Order.V1.OrderService.OrderServiceBase
{
    public override async Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        // Without a key a retry after a timeout would place a second order, so the key is not optional.
        var requestId = request.RequestId.Trim();
        RequestValidation.RequireId(requestId, "request_id");
        var order = await commands.PlaceAsync(OrderMapping.ToApplication(request), requestId, context.CancellationToken);
        return new PlaceOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public override async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        RequestValidation.RequireId(request.OrderId, "order_id");
        if (request.Reason.Length > RentalApplicationRules.MaxTextLength)
        {
            throw new InvalidRequestException("reason", $"reason is longer than {RentalApplicationRules.MaxTextLength} characters.");
        }
        var order = await commands.CancelAsync(request.OrderId, request.Reason.Trim(), context.CancellationToken);
        return new CancelOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public override async Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        RequestValidation.RequireId(request.OrderId, "order_id");
        var order = await queries.GetAsync(request.OrderId, context.CancellationToken);
        return new GetOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public override async Task<ListCustomerOrdersResponse> ListCustomerOrders(ListCustomerOrdersRequest request, ServerCallContext context)
    {
        RequestValidation.RequireId(request.CustomerId, "customer_id");
        var pageSize = Paging.Size(request.PageSize);
        var after = IndexPageToken.Decode(request.PageToken);
        var page = await queries.ListCustomerOrdersAsync(request.CustomerId, pageSize, after, context.CancellationToken);
        var response = new ListCustomerOrdersResponse { NextPageToken = IndexPageToken.Encode(page.Next) };
        response.Orders.AddRange(page.Items.Select(OrderMapping.ToProto));
        return Paging.WithinLimit(response);
    }
}
