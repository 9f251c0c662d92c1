namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>One gRPC method and the file holding the framed request h2load posts to it.</summary>
internal sealed record H2LoadCall(string Path, string BodyFile);
