namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// A write lost an optimistic-concurrency race: someone changed the key since it was read.
/// The caller re-reads and retries; the write is never silently applied over the other one.
/// </summary>
public sealed class StateConcurrencyException(string store, string? key, Exception? inner = null)
    : Exception($"State '{key ?? "(transaction)"}' in store '{store}' was changed concurrently (ETag mismatch).", inner)
{
    public string Store { get; } = store;

    public string? Key { get; } = key;
}
