using System.Globalization;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// One set of settings for every scenario of a run, so that the rows of the table differ only in
/// the server under test.
/// </summary>
internal sealed record BenchSettings(
    TimeSpan Warmup,
    TimeSpan Duration,
    int Rounds,
    int Connections,
    int StreamsPerConnection,
    int MessageSize,
    string H2LoadPath)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Rounds} round(s) of: warm-up {Warmup.TotalSeconds:0.#} s + {Duration.TotalSeconds:0.#} s measured per scenario; "
        + $"h2load -t 1 -c {Connections} -m {StreamsPerConnection}; EchoRequest {MessageSize} bytes");
}
