namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>The settings of one run: the history sizes to compare, and the orders placed on top of each.</summary>
internal sealed record SoakSettings(IReadOnlyList<int> Histories, int Orders, int Concurrency, int Regions, int EngineersPerRegion, int Rounds);
