using Grpc.Core;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Order.V1;

namespace PurifierRental.GatewayService.Application;

/// <summary>Orders for their customers and for staff: the role rules first, then the order service.</summary>
public sealed class OrderDesk(OrderService.OrderServiceClient orders)
{
    public async Task<PlaceOrderResponse> PlaceAsync(Caller? caller, PlaceOrderRequest request, CallOptions options)
    {
        var customer = request.Customer ?? new Customer();
        customer.CustomerId = AccessRules.PlaceOrder(caller, customer.CustomerId);
        request.Customer = customer;
        return await orders.PlaceOrderAsync(request, options);
    }

    public async Task<GetOrderResponse> GetAsync(Caller? caller, GetOrderRequest request, CallOptions options)
    {
        AccessRules.SignedIn(caller);
        var response = await orders.GetOrderAsync(request, options);
        AccessRules.ActOnOrder(caller, response.Order?.Customer?.CustomerId ?? "");
        return response;
    }

    public async Task<CancelOrderResponse> CancelAsync(Caller? caller, CancelOrderRequest request, CallOptions options)
    {
        // Whose order it is comes from the order itself; it never changes, so reading it first is safe.
        await GetAsync(caller, new GetOrderRequest { OrderId = request.OrderId }, options);
        return await orders.CancelOrderAsync(request, options);
    }

    public async Task<ListCustomerOrdersResponse> ListAsync(Caller? caller, ListCustomerOrdersRequest request, CallOptions options)
    {
        request.CustomerId = AccessRules.CustomerOrders(caller, request.CustomerId);
        return await orders.ListCustomerOrdersAsync(request, options);
    }
}
