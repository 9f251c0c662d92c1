using System.Globalization;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>The settings of one run.</summary>
internal sealed record IntakeSettings(
    int WarmupOrders,
    IReadOnlyList<int> Rates,
    TimeSpan StepWarmup,
    TimeSpan StepDuration,
    int Rounds,
    int LagRate,
    int EchoCallers,
    TimeSpan EchoDuration,
    int Regions,
    int EngineersPerRegion,
    int MaxInFlight,
    TimeSpan CatchUpTimeout,
    TimeSpan QuietLimit,
    bool RedisAppendOnly,
    string? MeshLog)
{
    /// <summary>
    /// A step whose p99 passes this has exploded: the staircase stops after it. Past the peak, calls queue up to
    /// the in-flight limit and further requests fail, which usually stops the staircase first.
    /// </summary>
    public static readonly TimeSpan ExplodedP99 = TimeSpan.FromSeconds(5);

    /// <summary>A step with more errors than this share has broken down: the staircase stops after it.</summary>
    public const double MaxErrorRate = 0.01;

    /// <summary>A step accepting less than this share of its offered rate did not keep up.</summary>
    public const double MinAcceptedShare = 0.9;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"PlaceOrder through the order app's sidecar (dapr-app-id: order), open loop, {Regions} regions with {EngineersPerRegion} engineers each, "
        + $"one customer per order; {WarmupOrders} warm-up orders; staircase {string.Join(", ", Rates)} req/s (warm-up {StepWarmup.TotalSeconds:0.#} s + {StepDuration.TotalSeconds:0.#} s each, "
        + $"stopping after a step with errors > {MaxErrorRate:P0} or p99 > {ExplodedP99.TotalMilliseconds:N0} ms; "
        + $"at most {MaxInFlight:N0} calls in flight); then {Rounds} round(s) of: echo at maximum rate ({EchoCallers} callers, {EchoDuration.TotalSeconds:0.#} s), "
        + $"PlaceOrder at half the peak and at {LagRate:N0} req/s (same step length; the latter once, last, if beyond the peak); "
        + $"read-model catch-up wait up to {CatchUpTimeout.TotalSeconds:0} s; waits for a quiet mesh up to {QuietLimit.TotalSeconds:0} s; "
        + $"{(RedisAppendOnly ? "Redis with appendonly yes, appendfsync everysec" : "Redis without persistence (appendonly no)")}");
}
