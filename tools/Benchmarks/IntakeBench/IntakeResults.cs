using System.Diagnostics;
using PurifierRental.Benchmarks.Load;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>One step of the staircase.</summary>
internal sealed record Step(int Rate, LoadResult Result)
{
    public bool Healthy => Result.ErrorRate <= IntakeSettings.MaxErrorRate && Result.P99Ms <= IntakeSettings.ExplodedP99.TotalMilliseconds;
}

/// <summary>
/// The lag from PlaceOrder's response to the order's first appearance in the read model, for the orders of one
/// window. An order the watch has not seen yet when the sample is taken counts with the time it has waited so
/// far: a lower bound, so that slow orders raise the percentiles instead of dropping out of them.
/// </summary>
internal sealed record LagSample(int Orders, int NotSeen, int VisibleBeforeResponse, double[] SortedLagMs)
{
    public double P50Ms => Statistics.Percentile(SortedLagMs, 50);

    public double P99Ms => Statistics.Percentile(SortedLagMs, 99);

    public static LagSample Of(IReadOnlyList<AcceptedOrder> orders, ReadModelWatch watch)
    {
        var now = Stopwatch.GetTimestamp();
        var lags = new List<double>(orders.Count);
        int early = 0, notSeen = 0;
        foreach (var order in orders)
        {
            if (watch.FirstSeen(order.OrderId) is not { } seen)
            {
                notSeen++;
                lags.Add(Stopwatch.GetElapsedTime(order.RespondedAt, now).TotalMilliseconds);
                continue;
            }
            // The event is published in the transaction that stores the order, so the read model may have it
            // before the caller has the response: then the lag is zero.
            if (seen <= order.RespondedAt)
            {
                early++;
                lags.Add(0);
                continue;
            }
            lags.Add(Stopwatch.GetElapsedTime(order.RespondedAt, seen).TotalMilliseconds);
        }
        lags.Sort();
        return new LagSample(orders.Count, notSeen, early, [.. lags]);
    }
}

/// <summary>Everything a run measured.</summary>
internal sealed class IntakeResults
{
    public List<Step> Staircase { get; } = [];

    /// <summary>The echo on the warmed-up mesh before any load: the transport's best in this run.</summary>
    public List<LoadResult> IdleEcho { get; } = [];

    /// <summary>The echo in the rounds, beside PlaceOrder; the mesh may still be applying earlier orders' events.</summary>
    public List<LoadResult> Echo { get; } = [];

    public List<LoadResult> HalfPeak { get; } = [];

    public List<LagSample> HalfPeakLag { get; } = [];

    public List<LoadResult> AtLagRate { get; } = [];

    public List<LagSample> Lag { get; } = [];

    /// <summary>CPU over the half-peak steps.</summary>
    public CpuSpend HalfPeakCpu { get; set; } = CpuSpend.None;

    /// <summary>CPU from the end of the warm-up until every accepted order was found in the read model, the echo runs left out.</summary>
    public CpuSpend RunCpu { get; set; } = CpuSpend.None;

    /// <summary>Orders accepted over <see cref="RunCpu"/>.</summary>
    public long RunOrders { get; set; }

    /// <summary>redis-server's commands per accepted order over <see cref="RunCpu"/>, and its time per command.</summary>
    public IReadOnlyList<string> RedisCommands { get; set; } = [];

    /// <summary>Requests the sidecars served per accepted order over <see cref="RunCpu"/>, by Dapr API method.</summary>
    public IReadOnlyList<(string Call, double PerUnit)> SidecarCalls { get; set; } = [];

    /// <summary>Whether the lag rate was run once, after the rounds, because it is beyond the peak.</summary>
    public bool LagRateOverloads { get; set; }

    public int HalfPeakRate { get; set; }

    /// <summary>The most accepted orders per second a staircase step achieved: half of it is the rate of the rounds.</summary>
    public double StaircasePeak => Staircase.Count == 0 ? double.NaN : Staircase.Max(s => s.Result.RequestsPerSecond);

    /// <summary>The most accepted orders per second any PlaceOrder step of the run achieved, the lag-rate steps included.</summary>
    public double Peak => Math.Max(StaircasePeak, AtLagRate.Count == 0 ? 0 : AtLagRate.Max(r => r.RequestsPerSecond));

    public long Accepted { get; set; }

    public long FoundInReadModel { get; set; }

    public TimeSpan CatchUp { get; set; }
}
