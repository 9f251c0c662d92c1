namespace PurifierRental.ServiceDefaults.State;

/// <summary>Where a service's events go: the pub/sub component and topic its store's outbox publishes to.</summary>
public sealed record EventTopic(string PubsubName, string Topic);
