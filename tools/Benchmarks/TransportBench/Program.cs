using System.CommandLine;
using PurifierRental.Benchmarks.TransportBench;

// Usage: dotnet run -c Release --project tools/Benchmarks/TransportBench [-- --quick | --duration 15 ...]
var quick = new Option<bool>("--quick") { Description = "Smoke run of about 15 s: one round, 1 s warm-up and 2 s measured per scenario." };
var rounds = new Option<int?>("--rounds") { Description = "Rounds; each runs every scenario once, and the table shows medians [default: 3, 1 with --quick]." };
var duration = new Option<int?>("--duration", "-D") { Description = "Measured seconds per scenario and round [default: 5, 2 with --quick]." };
var warmup = new Option<int?>("--warmup") { Description = "Warm-up seconds before each measurement [default: 2, 1 with --quick]." };
var connections = new Option<int>("--connections", "-c") { Description = "h2load connections.", DefaultValueFactory = _ => 4 };
var streams = new Option<int>("--streams", "-m") { Description = "h2load concurrent streams per connection.", DefaultValueFactory = _ => 64 };
var messageSize = new Option<int>("--message-size") { Description = "Encoded size of the EchoRequest in bytes.", DefaultValueFactory = _ => 100 };
var h2load = new Option<string>("--h2load") { Description = "Path of h2load (Debian package nghttp2-client).", DefaultValueFactory = _ => "h2load" };
foreach (var option in new[] { rounds, duration, warmup })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<int?>() is <= 0) result.AddError($"{result.Option.Name} must be positive."); });
}
foreach (var option in new[] { connections, streams, messageSize })
{
    option.Validators.Add(result => { if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{result.Option.Name} must be positive."); });
}

var root = new RootCommand("CPU per call and throughput of an echo hosted on ServiceDefaults (with and without the app API token) and of the orderstatus app's Check, "
    + "beside a bare Grpc.AspNetCore echo and health Check, in one run.")
{
    quick, rounds, duration, warmup, connections, streams, messageSize, h2load,
};
root.SetAction((result, _) =>
{
    var isQuick = result.GetValue(quick);
    var settings = new BenchSettings(
        Warmup: TimeSpan.FromSeconds(result.GetValue(warmup) ?? (isQuick ? 1 : 2)),
        Duration: TimeSpan.FromSeconds(result.GetValue(duration) ?? (isQuick ? 2 : 5)),
        Rounds: result.GetValue(rounds) ?? (isQuick ? 1 : 3),
        Connections: result.GetValue(connections),
        StreamsPerConnection: result.GetValue(streams),
        MessageSize: result.GetValue(messageSize),
        H2LoadPath: result.GetValue(h2load)!);
    return TransportBenchmark.RunAsync(settings, Console.Out, Console.Error);
});
return await root.Parse(args).InvokeAsync();
