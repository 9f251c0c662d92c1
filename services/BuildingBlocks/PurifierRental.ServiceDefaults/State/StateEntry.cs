namespace PurifierRental.ServiceDefaults.State;

/// <summary>A value read from a state store with the ETag that guards the next write.</summary>
public sealed record StateEntry(string Key, ReadOnlyMemory<byte> Data, string? ETag)
{
    /// <summary>Dapr answers a missing key with empty data and an empty ETag.</summary>
    public bool Exists => !string.IsNullOrEmpty(ETag);
}
