namespace PurifierRental.Benchmarks.Load;

/// <summary>
/// One request of a load. It completes when the request is done and returns the Stopwatch timestamp of an
/// intermediate step worth timing on its own (a publish call that returned before the message was
/// delivered), or 0 when there is none.
/// </summary>
internal delegate Task<long> LoadOperation();
