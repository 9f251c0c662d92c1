namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// The Dapr components and topics this service uses (configuration section "Dapr").
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    public string StateStore { get; set; } = "order-store";

    /// <summary>Where the orders' events go: the same topic as the store's <c>outboxPublishTopic</c>.</summary>
    public string EventsTopic { get; set; } = "order-events";

    public string AssignmentEventsTopic { get; set; } = "assignment-events";

    public string InstallationEventsTopic { get; set; } = "installation-events";

    public string DeadLetterTopic { get; set; } = "order-deadletter";
}
