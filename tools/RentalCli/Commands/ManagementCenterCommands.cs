using System.CommandLine;
using PurifierRental.ManagementCenter.V1;
using RentalCli.Output;
using static RentalCli.Commands.CommandOptions;

namespace RentalCli.Commands;

/// <summary>Staff's commands, served by the managementcenter app: the engineer roster and how orders are routed.</summary>
internal static class ManagementCenterCommands
{
    private static ManagementCenterService.ManagementCenterServiceClient Client(CommandContext context) => new(context.Invoker);

    public static IEnumerable<Command> Create(CommandHost host)
    {
        yield return Engineers(host);
        yield return Register(host);
        yield return Assignment(host);
    }

    private static Command Engineers(CommandHost host)
    {
        var region = Text("--region", "Only engineers of this region.");
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("engineers", "List the engineer roster (ListEngineers).") { region, pageSize, pageToken };
        return host.Define(command, async (context, parse) =>
        {
            var request = new ListEngineersRequest
            {
                Region = parse.GetValue(region) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            };
            context.Show(await Client(context).ListEngineersAsync(request, context.Unary()), Formatter.Engineers);
        });
    }

    private static Command Register(CommandHost host)
    {
        var name = Text("--name", "The engineer's name.", required: true);
        var phone = Text("--phone", "The number customers call to reach the engineer.", required: true);
        var region = Text("--region", "The one service region the engineer works in.", required: true);
        var engineerId = Text("--id", "The engineer's identifier; the center makes one up when omitted. Repeating updates the engineer.");
        var command = new Command("register-engineer", "Put an engineer on the roster, or update one (RegisterEngineer).")
        {
            name, phone, region, engineerId,
        };
        return host.Define(command, async (context, parse) =>
        {
            var request = new RegisterEngineerRequest
            {
                EngineerId = parse.GetValue(engineerId) ?? "",
                Name = parse.GetRequiredValue(name),
                Phone = parse.GetRequiredValue(phone),
                Region = parse.GetRequiredValue(region),
            };
            context.Show(await Client(context).RegisterEngineerAsync(request, context.Unary()), Formatter.Registered);
        });
    }

    private static Command Assignment(CommandHost host)
    {
        var orderId = OrderId();
        var command = new Command("assignment", "Show which engineer an order is routed to (GetAssignment).") { orderId };
        return host.Define(command, async (context, parse) =>
        {
            var request = new GetAssignmentRequest { OrderId = parse.GetRequiredValue(orderId) };
            context.Show(await Client(context).GetAssignmentAsync(request, context.Unary()), response => Formatter.Assignment(response.Assignment));
        });
    }
}
