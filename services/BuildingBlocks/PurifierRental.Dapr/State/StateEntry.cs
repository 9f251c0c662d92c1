using Google.Protobuf;

namespace PurifierRental.Dapr.State;

/// <summary>A value read from a state store with the ETag that guards the next write.</summary>
public sealed record StateEntry(string Key, ByteString Data, string? ETag)
{
    /// <summary>Dapr answers a missing key with empty data and an empty ETag.</summary>
    public bool Exists => !string.IsNullOrEmpty(ETag);
}

/// <summary>How a write treats a concurrent writer: Dapr's first-write / last-write.</summary>
public enum StateConcurrency
{
    /// <summary>The store's default.</summary>
    Unspecified,

    /// <summary>The write fails when the ETag no longer matches (or the key exists and no ETag was given).</summary>
    FirstWrite,

    /// <summary>The write wins whatever is stored.</summary>
    LastWrite,
}
