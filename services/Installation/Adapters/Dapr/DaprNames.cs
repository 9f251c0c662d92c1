namespace PurifierRental.InstallationService.Adapters.Dapr;

/// <summary>
/// The Dapr components this service uses (configuration section "Dapr"). The topic the work orders'
/// events go to is not here: the state store's outbox settings choose it (installation-events).
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    public string StateStore { get; set; } = "installation-store";

    public string AssignmentEventsTopic { get; set; } = "assignment-events";

    public string DeadLetterTopic { get; set; } = "installation-deadletter";
}
