using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using RentalCli.Connection;
using RentalCli.Output;

namespace RentalCli.Commands;

/// <summary>
/// The options every command shares and the run of one command: connect to the gateway, run the command,
/// and turn a failed call into a message on stderr and exit code 1.
/// </summary>
internal sealed class CommandHost(CliConsole console)
{
    /// <summary>The gateway's gRPC port in dapr.yaml.</summary>
    public const int DefaultGatewayPort = 8081;

    public const string PortVariable = "RENTAL_GATEWAY_PORT";

    /// <summary>The bearer token calls carry: what <c>rental login</c> prints, or a token from the identity provider.</summary>
    public const string TokenVariable = "RENTAL_TOKEN";

    private readonly Option<int> _port = new("--gateway-port")
    {
        Description = $"The gateway's gRPC port: {PortVariable} when set, else {DefaultGatewayPort}.",
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
        int.TryParse(environment(PortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : DefaultGatewayPort;

    /// <summary>Makes <paramref name="run"/> the command's action.</summary>
    public Command Define(Command command, Func<CommandContext, ParseResult, Task> run)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var gateway = new GatewayConnection(parse.GetValue(_port), console.Environment(TokenVariable));
            var context = new CommandContext(gateway, console, parse.GetValue(_json), cancellationToken);
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
                console.Error.WriteLine(e.StatusCode == StatusCode.Unavailable && !await gateway.IsListeningAsync()
                    ? Formatter.GatewayUnreachable(gateway.Port)
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
