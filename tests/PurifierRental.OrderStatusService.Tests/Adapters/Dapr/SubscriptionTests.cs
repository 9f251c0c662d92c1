using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

public sealed class SubscriptionTests
{
    [Fact]
    public void The_service_subscribes_to_all_three_topics_with_its_dead_letter_topic()
    {
        var subscriptions = Subscriptions(new Dictionary<string, string?>());

        Assert.Equal(
            [("pubsub", "assignment-events", "orderstatus-deadletter"), ("pubsub", "installation-events", "orderstatus-deadletter"), ("pubsub", "order-events", "orderstatus-deadletter")],
            subscriptions);
    }

    [Fact]
    public void Component_and_topic_names_come_from_configuration()
    {
        var subscriptions = Subscriptions(new Dictionary<string, string?>
        {
            ["Dapr:PubSubName"] = "kafka",
            ["Dapr:OrderEventsTopic"] = "orders",
            ["Dapr:DeadLetterTopic"] = "poison",
        });

        Assert.Contains(("kafka", "orders", "poison"), subscriptions);
        Assert.Equal(3, subscriptions.Count(s => s.Pubsub == "kafka" && s.DeadLetter == "poison"));
    }

    private static List<(string Pubsub, string Topic, string? DeadLetter)> Subscriptions(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddOrderStatus(configuration).BuildServiceProvider();
        return [.. provider.GetServices<TopicSubscriptionRegistration>()
            .Select(s => (s.PubsubName, s.Topic, s.DeadLetterTopic))
            .OrderBy(s => s.Topic, StringComparer.Ordinal)];
    }
}
