using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using PurifierRental.OrderStatus.V1;
using RentalCli.Output;
using static RentalCli.Commands.CommandOptions;

namespace RentalCli.Commands;

/// <summary>Commands on the order status read model, served by the orderstatus app: look up, list, watch and wait.</summary>
internal static class OrderStatusCommands
{
    /// <summary>How often <c>wait</c> asks; events reach the read model within milliseconds when the mesh is healthy.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private static OrderStatusService.OrderStatusServiceClient Client(CommandContext context) => new(context.Invoker);

    public static IEnumerable<Command> Create(CommandHost host)
    {
        yield return Get(host);
        yield return List(host);
        yield return Watch(host);
        yield return Wait(host);
    }

    private static Command Get(CommandHost host)
    {
        var orderId = OrderId();
        var command = new Command("status", "Show an order's progress and every transition from the read model (GetOrderStatus).") { orderId };
        return host.Define(command, async (context, parse) =>
        {
            var request = new GetOrderStatusRequest { OrderId = parse.GetRequiredValue(orderId) };
            context.Show(await Client(context).GetOrderStatusAsync(request, context.Unary()), response => Formatter.Progress(response.Progress));
        });
    }

    private static Command List(CommandHost host)
    {
        var status = Status<ProgressStatus>("Only orders in this status");
        var region = Text("--region", "Only orders of this region.");
        var customerId = Text("--customer-id", "Only orders of this customer.");
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("statuses", "List orders' progress, newest first (ListOrderStatuses).")
        {
            status, region, customerId, pageSize, pageToken,
        };
        return host.Define(command, async (context, parse) =>
        {
            var request = new ListOrderStatusesRequest
            {
                Status = parse.GetValue(status),
                Region = parse.GetValue(region) ?? "",
                CustomerId = parse.GetValue(customerId) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            };
            context.Show(await Client(context).ListOrderStatusesAsync(request, context.Unary()), Formatter.Progresses);
        });
    }

    private static Command Watch(CommandHost host)
    {
        var orderId = Text("--order-id", "Only this order.");
        var status = Status<ProgressStatus>("Only orders in this status after the change");
        var region = Text("--region", "Only orders of this region.");
        var customerId = Text("--customer-id", "Only orders of this customer.");
        var command = new Command("watch", "Print every change to matching orders as it happens, until Ctrl+C (WatchOrderStatuses).")
        {
            orderId, status, region, customerId,
        };
        return host.Define(command, async (context, parse) =>
        {
            var request = new WatchOrderStatusesRequest
            {
                OrderId = parse.GetValue(orderId) ?? "",
                Status = parse.GetValue(status),
                Region = parse.GetValue(region) ?? "",
                CustomerId = parse.GetValue(customerId) ?? "",
            };
            using var call = Client(context).WatchOrderStatuses(request, context.Streaming());
            context.Note("Watching order status changes; press Ctrl+C to stop.");
            try
            {
                await foreach (var change in call.ResponseStream.ReadAllAsync(context.CancellationToken))
                {
                    context.ShowLine(change, response => Formatter.Change(response.Progress));
                }
            }
            catch (Exception e) when (context.CancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException)
            {
                // Ctrl+C is how a watch ends, not a failure.
            }
        });
    }

    private static Command Wait(CommandHost host)
    {
        var orderId = OrderId();
        var status = Status<ProgressStatus>("The status to wait for", required: true);
        var timeout = Duration("--timeout", $"How long to wait before giving up; {Formatter.Duration(DefaultWaitTimeout)} when omitted");
        var command = new Command("wait", "Wait until the read model shows an order in a status; exit code 1 if it does not in time.")
        {
            orderId, status, timeout,
        };
        return host.Define(command, async (context, parse) =>
        {
            var response = await PollAsync(context, parse.GetRequiredValue(orderId), parse.GetValue(status), parse.GetValue(timeout) ?? DefaultWaitTimeout);
            context.Show(response, reached => Formatter.Reached(reached.Progress));
        });
    }

    private static async Task<GetOrderStatusResponse> PollAsync(CommandContext context, string orderId, ProgressStatus wanted, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var lastSeen = "no event about it has reached the read model yet";
        while (true)
        {
            try
            {
                var response = await Client(context).GetOrderStatusAsync(new GetOrderStatusRequest { OrderId = orderId }, context.Unary());
                var status = response.Progress.Status;
                if (status == wanted)
                {
                    return response;
                }
                if (status is ProgressStatus.Completed or ProgressStatus.Cancelled)
                {
                    throw new CommandFailedException(
                        $"Order {orderId} is {EnumNames.Of(status)}, which is final: it will never be {EnumNames.Of(wanted)}.");
                }
                lastSeen = $"it is {EnumNames.Of(status)}";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // The order's first event has not reached the read model yet; keep asking.
            }
            if (waited.Elapsed >= timeout)
            {
                throw new CommandFailedException(
                    $"Order {orderId} did not become {EnumNames.Of(wanted)} within {Formatter.Duration(timeout)}: {lastSeen}.");
            }
            await Task.Delay(PollInterval, context.CancellationToken);
        }
    }
}
