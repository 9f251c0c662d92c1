namespace DevMesh.Sidecar.Outbox;

/// <summary>
/// What an outbox transaction publishes for one upsert: the value (the projection's, if the upsert has one), its
/// content type, and the upsert's own metadata, which daprd copies into the CloudEvent.
/// </summary>
internal sealed record OutboxEntry(byte[] Data, string? ContentType, IReadOnlyDictionary<string, string> Metadata);
