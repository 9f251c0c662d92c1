namespace PurifierRental.ServiceDefaults.State;

/// <summary>A stored aggregate snapshot and the ETag that guards its next write.</summary>
public sealed record Loaded<TSnapshot>(TSnapshot Snapshot, string ETag);
