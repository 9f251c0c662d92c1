using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using RentalCli.Connection;
using RentalCli.Output;

namespace RentalCli.Commands;

/// <summary>
/// The options every command shares and the run of one command: connect to the sidecar, run the command,
/// and turn a failed call into a message on stderr and exit code 1.
/// </summary>
internal sealed class CommandHost(CliConsole console)
{
    /// <summary>The order app's sidecar in dapr.yaml; any sidecar of the mesh proxies to every app.</summary>
    public const int DefaultSidecarPort = 50101;

    private readonly Option<int> _port = new("--dapr-grpc-port")
    {
        Description = $"The gRPC port of the Dapr sidecar to call through: DAPR_GRPC_PORT when set, else {DefaultSidecarPort} (the order app's sidecar).",
        Recursive = true,
        DefaultValueFactory = _ => DefaultPort(console.Environment),
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the response as protobuf JSON instead of text.",
        Recursive = true,
    };

    public void AddSharedOptions(RootCommand root)
    {
        root.Options.Add(_port);
        root.Options.Add(_json);
    }

    public static int DefaultPort(Func<string, string?> environment) =>
        int.TryParse(environment("DAPR_GRPC_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : DefaultSidecarPort;

    /// <summary>Makes <paramref name="run"/> the command's action.</summary>
    public Command Define(Command command, Func<CommandContext, ParseResult, Task> run)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var sidecar = new SidecarConnection(parse.GetValue(_port), console.Environment("DAPR_API_TOKEN"));
            var context = new CommandContext(sidecar, console, parse.GetValue(_json), cancellationToken);
            try
            {
                await run(context, parse);
                return 0;
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                return ExitCodes.Interrupted;
            }
            catch (RpcException e)
            {
                console.Error.WriteLine(e.StatusCode == StatusCode.Unavailable && !await sidecar.IsListeningAsync()
                    ? Formatter.SidecarUnreachable(sidecar.Port)
                    : Formatter.Error(e.Status));
                return ExitCodes.Failed;
            }
            catch (CommandFailedException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}

internal static class ExitCodes
{
    public const int Failed = 1;

    /// <summary>Stopped by Ctrl+C, as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;
}

/// <summary>A command could not do what was asked for a reason the server did not report (e.g. a wait timed out).</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
