namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>The subscriptions this app declares; the sidecar reads them with ListTopicSubscriptions.</summary>
public sealed class TopicSubscriptionRegistry(IEnumerable<TopicSubscriptionRegistration> registrations)
{
    private readonly Dictionary<(string, string), TopicSubscriptionRegistration> _byTopic =
        registrations.ToDictionary(r => (r.PubsubName, r.Topic));

    public IReadOnlyCollection<TopicSubscriptionRegistration> All => _byTopic.Values;

    public TopicSubscriptionRegistration? Find(string pubsubName, string topic) =>
        _byTopic.GetValueOrDefault((pubsubName, topic));
}
