using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Application;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>
/// The JSON API under <c>/api</c>, for people and browsers: the same operations as the gRPC API and the same role
/// rules, with requests and responses in the protobuf JSON mapping. The roles each route allows are in its summary
/// and in the OpenAPI document.
/// </summary>
public static class GatewayHttpApi
{
    public const string Prefix = "/api";

    public static RouteGroupBuilder MapGatewayHttpApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapPost("/", (HttpContext http, OrderDesk desk) => HttpCall.FromBodyAsync<PlaceOrderRequest, PlaceOrderResponse>(http, desk.PlaceAsync))
            .Describe("PlaceOrder", "Place a rental application as the signed-in customer. Roles: customer.");
        orders.MapGet("/", (HttpContext http, OrderDesk desk) => HttpCall.FromQueryAsync<ListCustomerOrdersRequest, ListCustomerOrdersResponse>(http, desk.ListAsync))
            .Describe("ListCustomerOrders", "A customer's orders: one's own (customer), or the customerId given (staff). Roles: customer, staff.");
        orders.MapGet("/{orderId}", (HttpContext http, OrderDesk desk) => HttpCall.FromQueryAsync<GetOrderRequest, GetOrderResponse>(http, desk.GetAsync))
            .Describe("GetOrder", "One order. Roles: its customer, staff.");
        orders.MapPost("/{orderId}/cancel", (HttpContext http, OrderDesk desk) => HttpCall.FromBodyAsync<CancelOrderRequest, CancelOrderResponse>(http, desk.CancelAsync))
            .Describe("CancelOrder", "Cancel an order; the body may give a reason. Roles: its customer, staff.");

        var statuses = api.MapGroup("/order-statuses").WithTags("Order statuses");
        statuses.MapGet("/", (HttpContext http, ProgressDesk desk) => HttpCall.FromQueryAsync<ListOrderStatusesRequest, ListOrderStatusesResponse>(http, desk.ListAsync))
            .Describe("ListOrderStatuses", "Progress of orders, filtered by status, region, customerId. Roles: customer (own orders only), staff.");
        statuses.MapGet("/watch", WatchAsync)
            .Describe("WatchOrderStatuses", "Server-sent events: first 'watching' once the watch is in place (list after it and no change is missed), then every change of progress ('progress', one JSON OrderProgress each). Roles: customer (own orders only), staff.");
        statuses.MapGet("/{orderId}", (HttpContext http, ProgressDesk desk) => HttpCall.FromQueryAsync<GetOrderStatusRequest, GetOrderStatusResponse>(http, desk.GetAsync))
            .Describe("GetOrderStatus", "One order's progress and history. Roles: its customer, staff.");

        var workOrders = api.MapGroup("/work-orders").WithTags("Work orders");
        workOrders.MapGet("/", (HttpContext http, WorkOrderDesk desk) => HttpCall.FromQueryAsync<ListInstallationsRequest, ListInstallationsResponse>(http, desk.ListAsync))
            .Describe("ListInstallations", "Work orders: one's own (engineer), or any engineerId's (staff). Roles: engineer, staff.");
        workOrders.MapGet("/{orderId}", (HttpContext http, WorkOrderDesk desk) => HttpCall.FromQueryAsync<GetInstallationRequest, GetInstallationResponse>(http, desk.GetAsync))
            .Describe("GetInstallation", "One work order. Roles: its engineer, staff.");
        workOrders.MapPost("/{orderId}/complete", (HttpContext http, WorkOrderDesk desk) => HttpCall.FromBodyAsync<CompleteInstallationRequest, CompleteInstallationResponse>(http, desk.CompleteAsync))
            .Describe("CompleteInstallation", "Mark a work order installed. Roles: its engineer, staff.");

        var backOffice = api.MapGroup("/").WithTags("Back office");
        backOffice.MapGet("/engineers", (HttpContext http, BackOfficeDesk desk) => HttpCall.FromQueryAsync<ListEngineersRequest, ListEngineersResponse>(http, desk.ListEngineersAsync))
            .Describe("ListEngineers", "The engineer roster, optionally of one region. Roles: staff.");
        backOffice.MapPost("/engineers", (HttpContext http, BackOfficeDesk desk) => HttpCall.FromBodyAsync<RegisterEngineerRequest, RegisterEngineerResponse>(http, desk.RegisterEngineerAsync))
            .Describe("RegisterEngineer", "Add an engineer to the roster, or update one. Roles: staff.");
        backOffice.MapGet("/assignments", (HttpContext http, BackOfficeDesk desk) => HttpCall.FromQueryAsync<ListAssignmentsRequest, ListAssignmentsResponse>(http, desk.ListAssignmentsAsync))
            .Describe("ListAssignments", "Assignments, filtered by region, engineerId, status. Roles: staff.");
        backOffice.MapGet("/assignments/{orderId}", (HttpContext http, BackOfficeDesk desk) => HttpCall.FromQueryAsync<GetAssignmentRequest, GetAssignmentResponse>(http, desk.GetAssignmentAsync))
            .Describe("GetAssignment", "One order's assignment. Roles: staff.");
        return api;
    }

    private static async Task<IResult> WatchAsync(HttpContext http, ProgressDesk desk)
    {
        IAsyncEnumerable<WatchOrderStatusesResponse>? changes = null;
        var refusal = await HttpCall.RefusalOfAsync(http, () =>
        {
            var caller = AccessRules.SignedIn(CallerIdentity.Of(http.User));
            var request = ProtoJson.FromQuery<WatchOrderStatusesRequest>(http);
            // A page lists once the watch is in place; the announcement is how it knows.
            request.AnnounceStart = true;
            changes = desk.Watch(caller, request, HttpCall.Onward(http, streaming: true));
            return Task.CompletedTask;
        });
        return refusal ?? TypedResults.ServerSentEvents(AsEvents(changes!, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> AsEvents(IAsyncEnumerable<WatchOrderStatusesResponse> changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            yield return change.Progress is null
                ? new SseItem<string>("{}", "watching")
                : new SseItem<string>(ProtoJson.Format(change.Progress), "progress");
        }
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithSummary(summary).Produces(StatusCodes.Status200OK, contentType: "application/json");
}
