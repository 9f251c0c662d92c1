namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

/// <summary>
/// The Dapr components and apps this service uses (configuration section "Dapr").
/// </summary>
public sealed class DaprNames
{
    public const string Section = "Dapr";

    public string PubSubName { get; set; } = "pubsub";

    public string StateStore { get; set; } = "managementcenter-store";

    /// <summary>Where the assignments' events go: the same topic as the store's <c>outboxPublishTopic</c>.</summary>
    public string EventsTopic { get; set; } = "assignment-events";

    public string OrderEventsTopic { get; set; } = "order-events";

    public string DeadLetterTopic { get; set; } = "managementcenter-deadletter";

    /// <summary>The app-id of the installation service, called through Dapr gRPC proxying.</summary>
    public string InstallationAppId { get; set; } = "installation";
}

/// <summary>The center's own settings (configuration section "ManagementCenter").</summary>
public sealed class ManagementCenterOptions
{
    public const string Section = "ManagementCenter";

    /// <summary>
    /// The client deadline of one CancelInstallation call. The sidecar's resiliency policy (timeouts, retries,
    /// circuit breaker) runs inside it; past it the cancel is answered with RETRY and delivered again later.
    /// </summary>
    public TimeSpan CancelInstallationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the cancellations the installation has not answered are asked again.</summary>
    public TimeSpan CancellationRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
