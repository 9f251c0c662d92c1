namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>One gRPC method, the file holding the framed request h2load posts to it, and headers beyond gRPC's own.</summary>
internal sealed record H2LoadCall(string Path, string BodyFile, params string[] Headers);
