namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>The Dapr component and topic names this service uses (configuration section "Dapr").</summary>
public sealed class OrderStoreOptions
{
    public string StateStore { get; set; } = "order-store";

    public string PubSub { get; set; } = "pubsub";

    public string AssignmentTopic { get; set; } = "assignment-events";

    public string InstallationTopic { get; set; } = "installation-events";

    public string DeadLetterTopic { get; set; } = "order-deadletter";
}
