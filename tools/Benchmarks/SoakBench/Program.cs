using System.CommandLine;
using System.Globalization;
using PurifierRental.Benchmarks.SoakBench;

// Usage: dotnet run -c Release --project tools/Benchmarks/SoakBench [-- --histories 0,50000,200000 --orders 3000]
var histories = new Option<string>("--histories") { Description = "History sizes (orders already in state), comma-separated.", DefaultValueFactory = _ => "0,50000,200000" };
var orders = new Option<int>("--orders") { Description = "Orders placed and measured on top of each history.", DefaultValueFactory = _ => 3000 };
var concurrency = new Option<int>("--concurrency") { Description = "Orders in flight at once (as the pub/sub's delivery workers would handle them).", DefaultValueFactory = _ => 16 };
var regions = new Option<int>("--regions") { Description = "Regions the orders are spread over.", DefaultValueFactory = _ => 4 };
var engineers = new Option<int>("--engineers") { Description = "Engineers per region.", DefaultValueFactory = _ => 4 };
var rounds = new Option<int>("--rounds") { Description = "Rounds over all history sizes, interleaved; the table shows medians.", DefaultValueFactory = _ => 3 };
var root = new RootCommand("Places orders through the management center's and the installation's write paths on top of histories of different sizes, and compares throughput and CPU per order.")
{
    histories, orders, concurrency, regions, engineers, rounds,
};
root.SetAction(async (result, cancellationToken) =>
{
    var sizes = result.GetValue(histories)!.Split(',', StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    var settings = new SoakSettings(sizes, result.GetValue(orders), result.GetValue(concurrency), result.GetValue(regions), result.GetValue(engineers), result.GetValue(rounds));
    var results = new List<SoakResult>();
    Console.WriteLine($"{settings.Orders:N0} orders on top of {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} orders of history; "
        + $"{settings.Concurrency} in flight; {settings.Regions} regions x {settings.EngineersPerRegion} engineers; {settings.Rounds} round(s); {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    for (var round = 1; round <= settings.Rounds; round++)
    {
        foreach (var history in sizes)
        {
            var run = await SoakRun.RunAsync(settings, history, round, cancellationToken);
            results.Add(run);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}, history {history:N0}: {run.OrdersPerSecond:N0} orders/s, {run.CpuMsPerOrder:N2} ms CPU/order ({run.RedisCpuMsPerOrder:N2} of it redis-server), {run.Failed} failed, seeded in {run.SeedTime.TotalSeconds:N1} s"));
        }
    }
    SoakReport.Print(Console.Out, results, sizes);
    return results.Any(r => r.Failed > 0) ? 1 : 0;
});
return await root.Parse(args).InvokeAsync();
