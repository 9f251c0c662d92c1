using System.CommandLine;
using Google.Protobuf.Reflection;
using PurifierRental.Grpc;
using PurifierRental.ManagementCenter.V1;
using RentalCli.Output;
using static RentalCli.Commands.CommandOptions;

namespace RentalCli.Commands;

/// <summary>Staff's commands, served by the managementcenter app: the engineer roster and how orders are routed.</summary>
internal static class ManagementCenterCommands
{
    private const string App = "managementcenter";

    private static readonly ServiceDescriptor Service =
        ManagementCenterServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ManagementCenterService");

    private static readonly Method<RegisterEngineerRequest, RegisterEngineerResponse> RegisterEngineer =
        Method<RegisterEngineerRequest, RegisterEngineerResponse>.From(Service, "RegisterEngineer");
    private static readonly Method<ListEngineersRequest, ListEngineersResponse> ListEngineers =
        Method<ListEngineersRequest, ListEngineersResponse>.From(Service, "ListEngineers");
    private static readonly Method<GetAssignmentRequest, GetAssignmentResponse> GetAssignment =
        Method<GetAssignmentRequest, GetAssignmentResponse>.From(Service, "GetAssignment");

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
            context.Show(await context.CallAsync(App, ListEngineers, request), Formatter.Engineers);
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
            context.Show(await context.CallAsync(App, RegisterEngineer, request), Formatter.Registered);
        });
    }

    private static Command Assignment(CommandHost host)
    {
        var orderId = OrderId();
        var command = new Command("assignment", "Show which engineer an order is routed to (GetAssignment).") { orderId };
        return host.Define(command, async (context, parse) =>
        {
            var request = new GetAssignmentRequest { OrderId = parse.GetRequiredValue(orderId) };
            context.Show(await context.CallAsync(App, GetAssignment, request), response => Formatter.Assignment(response.Assignment));
        });
    }
}
