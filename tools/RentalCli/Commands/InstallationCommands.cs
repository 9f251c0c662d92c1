using System.CommandLine;
using PurifierRental.Installation.V1;
using RentalCli.Output;
using static RentalCli.Commands.CommandOptions;

namespace RentalCli.Commands;

/// <summary>Engineers' commands, served by the installation app: their work orders and completing them.</summary>
internal static class InstallationCommands
{
    private static InstallationService.InstallationServiceClient Client(CommandContext context) => new(context.Invoker);

    public static IEnumerable<Command> Create(CommandHost host)
    {
        yield return List(host);
        yield return Complete(host);
    }

    private static Command List(CommandHost host)
    {
        var engineer = Text("--engineer", "Whose installations; an engineer's own when omitted (staff name one).");
        var status = Status<InstallationStatus>("Only installations in this status");
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("installations", "List an engineer's installations, earliest date first (ListInstallations).")
        {
            engineer, status, pageSize, pageToken,
        };
        return host.Define(command, async (context, parse) =>
        {
            var request = new ListInstallationsRequest
            {
                EngineerId = parse.GetValue(engineer) ?? "",
                Status = parse.GetValue(status),
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            };
            context.Show(await Client(context).ListInstallationsAsync(request, context.Unary()), Formatter.Installations);
        });
    }

    private static Command Complete(CommandHost host)
    {
        var orderId = OrderId();
        var engineer = Text("--engineer", "The engineer who installed the purifier; the token's subject when omitted (staff complete for the assigned one).");
        var command = new Command("complete", "Report an order's purifier installed (CompleteInstallation).") { orderId, engineer };
        return host.Define(command, async (context, parse) =>
        {
            var request = new CompleteInstallationRequest
            {
                OrderId = parse.GetRequiredValue(orderId),
                EngineerId = parse.GetValue(engineer) ?? "",
            };
            context.Show(await Client(context).CompleteInstallationAsync(request, context.Unary()), Formatter.Completed);
        });
    }
}
