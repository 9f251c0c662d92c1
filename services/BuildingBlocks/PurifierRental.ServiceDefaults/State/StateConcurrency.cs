namespace PurifierRental.ServiceDefaults.State;

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
