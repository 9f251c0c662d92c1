namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The counters a trip expression sees (gobreaker's <c>Counts</c>). They cover the current
/// generation only: they are cleared on every state change and every <c>interval</c> while closed.
/// </summary>
public readonly record struct BreakerCounts(
    long Requests,
    long TotalSuccesses,
    long TotalFailures,
    long ConsecutiveSuccesses,
    long ConsecutiveFailures)
{
    internal BreakerCounts WithRequest() => this with { Requests = Requests + 1 };

    internal BreakerCounts WithSuccess() => this with
    {
        TotalSuccesses = TotalSuccesses + 1,
        ConsecutiveSuccesses = ConsecutiveSuccesses + 1,
        ConsecutiveFailures = 0,
    };

    internal BreakerCounts WithFailure() => this with
    {
        TotalFailures = TotalFailures + 1,
        ConsecutiveFailures = ConsecutiveFailures + 1,
        ConsecutiveSuccesses = 0,
    };
}
