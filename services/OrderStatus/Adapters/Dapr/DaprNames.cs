namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// The Dapr components this service uses (configuration section "Dapr"). The read model publishes nothing,
/// so its store has no outbox.
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    /// <summary>The views and their index lists; any state store with ETags will do.</summary>
    public string StateStore { get; set; } = "orderstatus-store";

    public string OrderEventsTopic { get; set; } = "order-events";

    public string AssignmentEventsTopic { get; set; } = "assignment-events";

    public string InstallationEventsTopic { get; set; } = "installation-events";

    public string DeadLetterTopic { get; set; } = "orderstatus-deadletter";
}
