using System.Globalization;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>One set of settings for every scenario of a run, so that the two paths of a scenario differ only in the sidecar.</summary>
internal sealed record BenchSettings(
    int Rounds,
    double Rate,
    TimeSpan RateWarmup,
    TimeSpan RateDuration,
    int Callers,
    TimeSpan MaxWarmup,
    TimeSpan MaxDuration,
    int PayloadSize)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Rounds} round(s); each runs every scenario both ways at {Rate:N0} req/s (open loop, warm-up {RateWarmup.TotalSeconds:0.#} s + "
        + $"{RateDuration.TotalSeconds:0.#} s measured) and at maximum rate ({Callers} concurrent callers, closed loop, warm-up "
        + $"{MaxWarmup.TotalSeconds:0.#} s + {MaxDuration.TotalSeconds:0.#} s measured); payload {PayloadSize:N0} bytes");
}
