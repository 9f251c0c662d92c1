using System.CommandLine;
using Grpc.Core;
using PurifierRental.Order.V1;
using RentalCli.Output;
using static RentalCli.Commands.CommandOptions;

namespace RentalCli.Commands;

/// <summary>Customers' commands, served by the order app: place, cancel and look up rental applications.</summary>
internal static class OrderCommands
{
    private static OrderService.OrderServiceClient Client(CommandContext context) => new(context.Invoker);

    public static IEnumerable<Command> Create(CommandHost host)
    {
        yield return Place(host);
        yield return Cancel(host);
        yield return Get(host);
        yield return List(host);
    }

    private static Command Place(CommandHost host)
    {
        var customerId = Text("--customer-id", "The customer's identifier; the token's subject when omitted (the gateway takes it from the token).");
        var name = Text("--name", "The customer's name.", required: true);
        var phone = Text("--phone", "The customer's phone number.", required: true);
        var product = Text("--product", "The purifier model code, e.g. PURI-300.", required: true);
        var address = Text("--address", "The street address to install at.", required: true);
        var detail = Text("--detail", "Apartment, floor or unit.");
        var postal = Text("--postal", "The postal code.");
        var region = Text("--region", "The service region of the address, e.g. seoul.", required: true);
        var date = Text("--date", "The preferred installation day, YYYY-MM-DD.", required: true);
        var requestId = Text("--request-id", "The idempotency key of this application (a new one when omitted): repeating the command with it returns the first order.");
        var command = new Command("place", "Apply for a rental (PlaceOrder).")
        {
            customerId, name, phone, product, address, detail, postal, region, date, requestId,
        };
        return host.Define(command, async (context, parse) =>
        {
            // One key per application: the client's own retries resend it, and a person who reruns the command with it
            // after a timeout finds the order the first attempt may have placed instead of placing a second one.
            var key = parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N");
            var request = new PlaceOrderRequest
            {
                Customer = new Customer { CustomerId = parse.GetValue(customerId) ?? "", Name = parse.GetRequiredValue(name), Phone = parse.GetRequiredValue(phone) },
                ProductCode = parse.GetRequiredValue(product),
                InstallationAddress = new InstallationAddress
                {
                    AddressLine = parse.GetRequiredValue(address),
                    AddressDetail = parse.GetValue(detail) ?? "",
                    PostalCode = parse.GetValue(postal) ?? "",
                },
                Region = parse.GetRequiredValue(region),
                PreferredInstallationDate = parse.GetRequiredValue(date),
                RequestId = key,
            };
            try
            {
                context.Show(await Client(context).PlaceOrderAsync(request, context.Unary()), Formatter.Placed);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted)
            {
                context.Note($"The order may or may not have been placed. Run the same command with --request-id {key} to find out without placing it twice.");
                throw;
            }
        });
    }

    private static Command Cancel(CommandHost host)
    {
        var orderId = OrderId();
        var reason = Text("--reason", "Why the customer cancels.");
        var command = new Command("cancel", "Ask to cancel an order (CancelOrder); it becomes CANCELLED once its installation is.")
        {
            orderId, reason,
        };
        return host.Define(command, async (context, parse) =>
        {
            var request = new CancelOrderRequest { OrderId = parse.GetRequiredValue(orderId), Reason = parse.GetValue(reason) ?? "" };
            context.Show(await Client(context).CancelOrderAsync(request, context.Unary()), Formatter.CancellationRequested);
        });
    }

    private static Command Get(CommandHost host)
    {
        var orderId = OrderId();
        var command = new Command("order", "Show one order as the order service holds it (GetOrder).") { orderId };
        return host.Define(command, async (context, parse) =>
        {
            var request = new GetOrderRequest { OrderId = parse.GetRequiredValue(orderId) };
            context.Show(await Client(context).GetOrderAsync(request, context.Unary()), response => Formatter.Order(response.Order));
        });
    }

    private static Command List(CommandHost host)
    {
        var customerId = Text("--customer-id", "Whose orders; a customer's own when omitted (staff name one).");
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("orders", "List one customer's orders, newest first (ListCustomerOrders).") { customerId, pageSize, pageToken };
        return host.Define(command, async (context, parse) =>
        {
            var request = new ListCustomerOrdersRequest
            {
                CustomerId = parse.GetValue(customerId) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            };
            context.Show(await Client(context).ListCustomerOrdersAsync(request, context.Unary()), Formatter.Orders);
        });
    }
}
