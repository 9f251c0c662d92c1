namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>One measured run on top of a history: orders per second, and CPU per order of this process and of redis-server.</summary>
internal sealed record SoakResult(int History, int Orders, TimeSpan Elapsed, TimeSpan ProcessCpu, TimeSpan RedisCpu, int Failed, TimeSpan SeedTime)
{
    public double OrdersPerSecond => Orders / Elapsed.TotalSeconds;

    public double CpuMsPerOrder => (ProcessCpu + RedisCpu).TotalMilliseconds / Orders;

    public double RedisCpuMsPerOrder => RedisCpu.TotalMilliseconds / Orders;
}
