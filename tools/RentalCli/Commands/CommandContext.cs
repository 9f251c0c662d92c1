using Google.Protobuf;
using Grpc.Core;
using RentalCli.Connection;
using RentalCli.Output;

namespace RentalCli.Commands;

/// <summary>What a running command uses: the gateway to call and the console to print on.</summary>
internal sealed class CommandContext(GatewayConnection gateway, CliConsole console, bool json, CancellationToken cancellationToken)
{
    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>What a generated client calls through: the gateway.</summary>
    public CallInvoker Invoker => gateway.Invoker;

    /// <summary>The options of a unary call: a deadline, so that a stuck service cannot hang the terminal.</summary>
    public CallOptions Unary() =>
        new(deadline: DateTime.UtcNow + GatewayConnection.CallTimeout, cancellationToken: cancellationToken);

    /// <summary>The options of a server-streaming call: no deadline, it runs until the server ends it or the caller cancels.</summary>
    public CallOptions Streaming() => new(cancellationToken: cancellationToken);

    /// <summary>Prints a response: as text for people, or with --json as protobuf JSON.</summary>
    public void Show<T>(T response, Func<T, string> describe) where T : IMessage =>
        console.Out.WriteLine(json ? ProtoJson.Indented.Format(response) : describe(response));

    /// <summary>Prints one message of a stream on one line, so that a script can read the stream line by line.</summary>
    public void ShowLine<T>(T message, Func<T, string> describe) where T : IMessage =>
        console.Out.WriteLine(json ? ProtoJson.Compact.Format(message) : describe(message));

    /// <summary>A remark for the person at the terminal; on stderr so that stdout holds only results.</summary>
    public void Note(string text) => console.Error.WriteLine(text);
}
