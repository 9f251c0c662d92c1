namespace DevMesh.Sidecar.Subscriptions;

/// <summary>A subscription the app declared and the sidecar is delivering.</summary>
public sealed record ActiveSubscription(string PubsubName, string Topic, string? DeadLetterTopic, bool RawPayload);
