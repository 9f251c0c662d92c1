namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>What the app tells the sidecar about one delivered event (Dapr's SUCCESS / RETRY / DROP).</summary>
public enum TopicEventOutcome
{
    /// <summary>Processed (or already processed before): acknowledge it.</summary>
    Success,

    /// <summary>Could not be processed now: deliver it again later.</summary>
    Retry,

    /// <summary>Can never be processed: acknowledge it and send it to the dead-letter topic if one is set.</summary>
    Drop,
}
