using System.CommandLine;
using RentalCli.Commands;

namespace RentalCli;

/// <summary>The <c>rental</c> command line: every command group under one root with the shared options.</summary>
internal static class RentalApp
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var host = new CommandHost(console);
        var root = new RootCommand(
            "Drives the PurifierRental mesh through its gateway: place and cancel orders, keep the engineer roster, "
            + "complete installations and follow the order status read model, as the role of $" + CommandHost.TokenVariable + " allows.");
        host.AddSharedOptions(root);
        foreach (var command in OrderCommands.Create(host)
                     .Concat(ManagementCenterCommands.Create(host))
                     .Concat(InstallationCommands.Create(host))
                     .Concat(OrderStatusCommands.Create(host)))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(LoginCommand.Create(console));
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
