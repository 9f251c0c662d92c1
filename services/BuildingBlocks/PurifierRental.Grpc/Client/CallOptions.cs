namespace PurifierRental.Grpc.Client;

/// <summary>Per-call settings: custom headers, a deadline (UTC) and a cancellation token.</summary>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default)
{
    /// <summary>A deadline <paramref name="timeout"/> from now.</summary>
    public static CallOptions WithTimeout(TimeSpan timeout, Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers, DateTime.UtcNow + timeout, cancellationToken);
}
