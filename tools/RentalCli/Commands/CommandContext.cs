using Google.Protobuf;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using RentalCli.Connection;
using RentalCli.Output;

namespace RentalCli.Commands;

/// <summary>What a running command uses: the sidecar to call through and the console to print on.</summary>
internal sealed class CommandContext(SidecarConnection sidecar, CliConsole console, bool json, CancellationToken cancellationToken)
{
    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken CancellationToken => cancellationToken;

    public Task<TResponse> CallAsync<TRequest, TResponse>(string appId, Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        sidecar.CallAsync(appId, method, request, cancellationToken);

    public AsyncServerStreamingCall<TResponse> Stream<TRequest, TResponse>(string appId, Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        sidecar.Stream(appId, method, request, cancellationToken);

    /// <summary>Prints a response: as text for people, or with --json as protobuf JSON.</summary>
    public void Show<T>(T response, Func<T, string> describe) where T : IMessage =>
        console.Out.WriteLine(json ? ProtoJson.Indented.Format(response) : describe(response));

    /// <summary>Prints one message of a stream on one line, so that a script can read the stream line by line.</summary>
    public void ShowLine<T>(T message, Func<T, string> describe) where T : IMessage =>
        console.Out.WriteLine(json ? ProtoJson.Compact.Format(message) : describe(message));

    /// <summary>A remark for the person at the terminal; on stderr so that stdout holds only results.</summary>
    public void Note(string text) => console.Error.WriteLine(text);
}
