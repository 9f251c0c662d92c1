using System.CommandLine;
using PurifierRental.Benchmarks.SidecarBench;

// Usage: dotnet run -c Release --project tools/Benchmarks/SidecarBench [-- --quick | --rounds 5 ...]
var quick = new Option<bool>("--quick") { Description = "Smoke run of about 20 s: one round, 0.3 s warm-up and 1 s measured per run." };
var rounds = new Option<int?>("--rounds") { Description = "Rounds; each runs every scenario both ways at the fixed and the maximum rate [default: 5, 1 with --quick]." };
var rate = new Option<int>("--rate") { Description = "The fixed rate in requests per second (open loop).", DefaultValueFactory = _ => 1000 };
var duration = new Option<double?>("--duration", "-D") { Description = "Measured seconds per run at the fixed rate [default: 1.2, 1 with --quick]; runs at maximum rate measure as long, 1 s by default." };
var warmup = new Option<double?>("--warmup") { Description = "Warm-up seconds before each run [default: 0.3]." };
var callers = new Option<int>("--callers", "-c") { Description = "Concurrent callers at maximum rate (closed loop).", DefaultValueFactory = _ => 32 };
var payload = new Option<int>("--payload-size") { Description = "Bytes of payload in each call, saved value and event (Dapr's figures use 1 KB).", DefaultValueFactory = _ => 1024 };
foreach (var option in new[] { rounds })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<int?>() is <= 0) result.AddError($"{result.Option.Name} must be positive."); });
}
foreach (var option in new[] { duration, warmup })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<double?>() is < 0) result.AddError($"{result.Option.Name} must not be negative."); });
}
foreach (var option in new[] { rate, callers, payload })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{result.Option.Name} must be positive."); });
}

var root = new RootCommand("What a DevMesh sidecar adds to service invocation, state and pub/sub, against the same work without it, in one run.")
{
    quick, rounds, rate, duration, warmup, callers, payload,
};
root.SetAction((result, cancellationToken) =>
{
    var isQuick = result.GetValue(quick);
    var measured = TimeSpan.FromSeconds(result.GetValue(duration) ?? (isQuick ? 1 : 1.2));
    var warm = TimeSpan.FromSeconds(result.GetValue(warmup) ?? 0.3);
    var settings = new BenchSettings(
        Rounds: result.GetValue(rounds) ?? (isQuick ? 1 : 5),
        Rate: result.GetValue(rate),
        RateWarmup: warm,
        RateDuration: measured,
        Callers: result.GetValue(callers),
        MaxWarmup: warm,
        MaxDuration: result.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(1),
        PayloadSize: result.GetValue(payload));
    return SidecarBenchmark.RunAsync(settings, Console.Out, Console.Error, cancellationToken);
});
return await root.Parse(args).InvokeAsync();
