using PurifierRental.Grpc;
using PurifierRental.Grpc.Server;
using PurifierRental.Order.V1;
using PurifierRental.OrderService.Application;

namespace PurifierRental.OrderService.Adapters.Grpc;

using PurifierRental.OrderService.Domain;

/// <summary>OrderService over gRPC: requests in, domain rules out as gRPC statuses a person can act on.</summary>
public sealed class OrderGrpcService(OrderCommands commands, OrderQueries queries)
{
    public async Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        var order = await Translate(() => commands.PlaceAsync(OrderMapping.ToApplication(request), request.RequestId.Trim(), context.CancellationToken));
        return new PlaceOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        RequireOrderId(request.OrderId);
        if (request.Reason.Length > RentalApplicationRules.MaxTextLength)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"reason is longer than {RentalApplicationRules.MaxTextLength} characters.");
        }
        var order = await Translate(() => commands.CancelAsync(request.OrderId, request.Reason.Trim(), context.CancellationToken));
        return new CancelOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public async Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        RequireOrderId(request.OrderId);
        var order = await Translate(() => queries.GetAsync(request.OrderId, context.CancellationToken));
        return new GetOrderResponse { Order = OrderMapping.ToProto(order) };
    }

    public async Task<ListCustomerOrdersResponse> ListCustomerOrders(ListCustomerOrdersRequest request, ServerCallContext context)
    {
        if (!RentalApplicationRules.IsIdentifier(request.CustomerId))
        {
            throw new RpcException(StatusCode.InvalidArgument, "customer_id is required and may hold only letters, digits, '.', '_' and '-'.");
        }
        var page = await Translate(() => queries.ListCustomerOrdersAsync(request.CustomerId, request.PageSize, request.PageToken, context.CancellationToken));
        var response = new ListCustomerOrdersResponse { NextPageToken = page.NextPageToken };
        response.Orders.AddRange(page.Orders.Select(OrderMapping.ToProto));
        return response;
    }

    private static void RequireOrderId(string orderId)
    {
        if (!RentalApplicationRules.IsIdentifier(orderId))
        {
            throw new RpcException(StatusCode.InvalidArgument, "order_id is required and may hold only letters, digits, '.', '_' and '-'.");
        }
    }

    private static async Task<T> Translate<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (OrderRuleViolation e)
        {
            throw new RpcException(e.Kind switch
            {
                OrderRuleKind.NotFound => StatusCode.NotFound,
                OrderRuleKind.InvalidTransition => StatusCode.FailedPrecondition,
                _ => StatusCode.InvalidArgument,
            }, e.Message);
        }
    }
}
