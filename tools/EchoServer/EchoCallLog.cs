using System.Collections.Concurrent;

namespace PurifierRental.EchoServer;

/// <summary>How a call that did not run to its end was stopped, as the handler saw it.</summary>
/// <param name="Outcome">"cancelled" (the client went away) or "deadline-exceeded" (the server's deadline passed).</param>
/// <param name="Timeout">What the server understood of the client's grpc-timeout; null when it sent none.</param>
public sealed record EchoCallEnd(string Method, string Message, string Outcome, TimeSpan? Timeout);

/// <summary>
/// The calls whose handler was stopped early, keyed by the first request message, so that a test can
/// prove that a client's cancellation or deadline reached the handler rather than only the client.
/// </summary>
public sealed class EchoCallLog
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EchoCallEnd>> _ends = new();

    public void Record(EchoCallEnd end) => Slot(end.Message).TrySetResult(end);

    /// <summary>The end of the call whose first request carried <paramref name="message"/>, once it is known.</summary>
    public Task<EchoCallEnd> WaitForAsync(string message, CancellationToken cancellationToken) =>
        Slot(message).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<EchoCallEnd> Slot(string message) =>
        _ends.GetOrAdd(message, _ => new TaskCompletionSource<EchoCallEnd>(TaskCreationOptions.RunContinuationsAsynchronously));
}
