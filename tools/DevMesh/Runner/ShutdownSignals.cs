using System.Runtime.InteropServices;

namespace DevMesh.Runner;

/// <summary>
/// Ctrl+C, SIGTERM and SIGHUP ask the runner to stop gracefully; a second signal while it stops kills
/// every app at once.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _force;
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    public ShutdownSignals(Action force)
    {
        _force = force;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>Completes on the first signal.</summary>
    public Task Requested => _signalled.Task;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The runner stops the apps itself, in order; the runtime must not end the process first.
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) == 1)
        {
            _signalled.TrySetResult();
            _requested.Cancel();
        }
        else
        {
            _force();
        }
    }
}
