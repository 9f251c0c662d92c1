namespace PurifierRental.InstallationService.Adapters.Dapr;

/// <summary>
/// The Dapr components this service uses (configuration section "Dapr").
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    public string StateStore { get; set; } = "installation-store";

    /// <summary>Where the work orders' events go: the same topic as the store's <c>outboxPublishTopic</c>.</summary>
    public string EventsTopic { get; set; } = "installation-events";

    public string AssignmentEventsTopic { get; set; } = "assignment-events";

    public string DeadLetterTopic { get; set; } = "installation-deadletter";
}
