using PurifierRental.Benchmarks.Load;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>The rounds of one scenario: both paths at the fixed rate and at the maximum rate.</summary>
internal sealed class HopResults(HopScenario scenario)
{
    public HopScenario Scenario { get; } = scenario;

    public List<LoadResult> BaselineAtRate { get; } = [];

    public List<LoadResult> SidecarAtRate { get; } = [];

    public List<LoadResult> BaselineAtMax { get; } = [];

    public List<LoadResult> SidecarAtMax { get; } = [];
}

/// <summary>
/// Medians over rounds. A difference or ratio between the paths is taken round by round, between runs that
/// ran side by side, and then the median of those is reported.
/// </summary>
internal static class Rounds
{
    public static double Median(IEnumerable<LoadResult> rounds, Func<LoadResult, double> value) =>
        Statistics.Median(rounds.Select(value));

    public static double MedianDifference(IReadOnlyList<LoadResult> sidecar, IReadOnlyList<LoadResult> baseline, Func<LoadResult, double> value) =>
        Statistics.Median(sidecar.Zip(baseline, (mine, theirs) => value(mine) - value(theirs)));

    public static double MedianRatio(IReadOnlyList<LoadResult> sidecar, IReadOnlyList<LoadResult> baseline, Func<LoadResult, double> value) =>
        Statistics.Median(sidecar.Zip(baseline, (mine, theirs) => value(mine) / value(theirs)));
}
