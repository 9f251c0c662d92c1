using System.CommandLine;
using System.Globalization;
using PurifierRental.Benchmarks.IntakeBench;

// Usage: dotnet run -c Release --project tools/Benchmarks/IntakeBench [-- --quick | --rates 100,200,400 ...]
var quick = new Option<bool>("--quick") { Description = "Smoke run: a shorter staircase, one round, 1 s steps (about 20 s after the mesh has started)." };
var rates = new Option<string?>("--rates") { Description = "The staircase's offered rates in req/s, comma-separated [default: 25,50,100, doubling up to 12800; 50,200,800 with --quick]." };
var rounds = new Option<int?>("--rounds") { Description = "Rounds of echo, half-peak and lag-rate measurements (the lag rate only once, last, when it is beyond the peak) [default: 3, 1 with --quick]." };
var duration = new Option<double?>("--duration", "-D") { Description = "Measured seconds per step [default: 2, 1 with --quick]." };
var warmup = new Option<double?>("--warmup") { Description = "Warm-up seconds before each step [default: 0.5, 0.3 with --quick]." };
var lagRate = new Option<int>("--lag-rate") { Description = "The rate at which the read model's lag is measured (ARCHITECTURE.md: 1,000 orders/s).", DefaultValueFactory = _ => 1000 };
var callers = new Option<int>("--echo-callers") { Description = "Concurrent callers of the echo baseline.", DefaultValueFactory = _ => 64 };
var regions = new Option<int>("--regions") { Description = "Regions the orders are spread over (1 to 8), each with its own engineers.", DefaultValueFactory = _ => 4 };
var engineers = new Option<int>("--engineers") { Description = "Engineers registered per region.", DefaultValueFactory = _ => 2 };
var inFlight = new Option<int>("--max-in-flight") { Description = "PlaceOrder calls in flight at most; a request due beyond that is not sent and counts as an error, so an overloaded mesh is not also flooded with calls that would time out.", DefaultValueFactory = _ => 256 };
var catchUp = new Option<int?>("--catch-up-timeout") { Description = "Seconds to wait for every accepted order to reach the read model [default: 60, 30 with --quick]." };
var redisAof = new Option<string>("--redis-aof") { Description = "Redis's append-only file: on (appendfsync everysec, as the repository configures it) or off, to measure what durability costs.", DefaultValueFactory = _ => "on" };
redisAof.AcceptOnlyFromAmong("on", "off");
var meshLog = new Option<string?>("--mesh-log") { Description = "Keep the apps' and sidecars' output in this file (by default it is deleted with the run's work folder)." };
foreach (var option in new[] { lagRate, callers, engineers, inFlight })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{result.Option.Name} must be positive."); });
}
regions.Validators.Add(result => { if (result.GetValueOrDefault<int>() is < 1 or > 8) result.AddError("--regions must be 1 to 8."); });
rounds.Validators.Add(result => { if (result.GetValueOrDefault<int?>() is <= 0) result.AddError("--rounds must be positive."); });
rates.Validators.Add(result =>
{
    if (result.GetValueOrDefault<string?>() is { } text && Parse(text) is null)
    {
        result.AddError("--rates must be positive integers separated by commas.");
    }
});

var root = new RootCommand("PlaceOrder through the whole mesh from dapr.yaml: peak intake, latency at half the peak, read-model lag, and every order found, beside the raw echo.")
{
    quick, rates, rounds, duration, warmup, lagRate, callers, regions, engineers, inFlight, catchUp, redisAof, meshLog,
};
root.SetAction((result, cancellationToken) =>
{
    var isQuick = result.GetValue(quick);
    var step = TimeSpan.FromSeconds(result.GetValue(duration) ?? (isQuick ? 1 : 2));
    var settings = new IntakeSettings(
        WarmupOrders: isQuick ? 40 : 400,
        Rates: Parse(result.GetValue(rates) ?? "") ?? (isQuick ? [50, 200, 800] : [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800]),
        StepWarmup: TimeSpan.FromSeconds(result.GetValue(warmup) ?? (isQuick ? 0.3 : 0.5)),
        StepDuration: step,
        Rounds: result.GetValue(rounds) ?? (isQuick ? 1 : 3),
        LagRate: result.GetValue(lagRate),
        EchoCallers: result.GetValue(callers),
        EchoDuration: step,
        Regions: result.GetValue(regions),
        EngineersPerRegion: result.GetValue(engineers),
        MaxInFlight: result.GetValue(inFlight),
        CatchUpTimeout: TimeSpan.FromSeconds(result.GetValue(catchUp) ?? (isQuick ? 30 : 60)),
        QuietLimit: TimeSpan.FromSeconds(isQuick ? 2 : 8),
        RedisAppendOnly: result.GetValue(redisAof) == "on",
        MeshLog: result.GetValue(meshLog) is { } log ? Path.GetFullPath(log) : null);
    return IntakeBenchmark.RunAsync(settings, Console.Out, Console.Error, cancellationToken);
});
return await root.Parse(args).InvokeAsync();

static int[]? Parse(string text)
{
    if (text.Length == 0)
    {
        return null;
    }
    var parts = text.Split(',', StringSplitOptions.TrimEntries);
    var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : -1).ToArray();
    return values.Any(v => v < 0) ? null : values;
}
