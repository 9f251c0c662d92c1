namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// The Dapr components and topics this service uses (configuration section "Dapr"). The topic the orders' events
/// go to is not here: the state store's outbox settings choose it (order-events).
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    public string StateStore { get; set; } = "order-store";

    public string AssignmentEventsTopic { get; set; } = "assignment-events";

    public string InstallationEventsTopic { get; set; } = "installation-events";

    public string DeadLetterTopic { get; set; } = "order-deadletter";
}
