namespace DevMesh.Configuration.Components;

/// <summary>
/// The transactional outbox of a state store: when <see cref="PublishPubsub"/> and
/// <see cref="PublishTopic"/> are set, a transaction also publishes its upserts to that topic.
/// </summary>
/// <param name="PublishPubsub"><c>outboxPublishPubsub</c>: the pubsub the events go to.</param>
/// <param name="PublishTopic"><c>outboxPublishTopic</c>: the topic the events go to.</param>
/// <param name="InternalPubsub"><c>outboxPubsub</c>: the pubsub daprd uses between the two phases; defaults to <paramref name="PublishPubsub"/>.</param>
/// <param name="DiscardWhenMissingState"><c>outboxDiscardWhenMissingState</c>: drop the event if the state was not committed.</param>
public sealed record OutboxSettings(string PublishPubsub, string PublishTopic, string InternalPubsub, bool DiscardWhenMissingState);
