namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// The retry policies daprd uses internally. A retry policy of the same name in a resiliency file
/// replaces one (but never with fewer than 3 retries); <see cref="ActorNotFound"/> cannot be replaced.
/// </summary>
public static class BuiltInRetryPolicies
{
    /// <summary>Between sidecars on UNAVAILABLE/UNAUTHENTICATED (legacy InvokeService only): constant 1 s × 3.</summary>
    public const string Service = "DaprBuiltInServiceRetries";

    public const string Actor = "DaprBuiltInActorRetries";

    public const string ActorReminder = "DaprBuiltInActorReminderRetries";

    /// <summary>Start-up calls such as ListTopicSubscriptions: exponential 500 ms, max 1 s, 3 retries, at most 10 s.</summary>
    public const string Initialization = "DaprBuiltInInitializationRetries";

    public const string ActorNotFound = "DaprBuiltInActorNotFoundRetries";

    public const int MinimumOverrideRetries = 3;

    public static IReadOnlyDictionary<string, RetryPolicy> Defaults { get; } = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal)
    {
        [Service] = new() { Name = Service, Duration = TimeSpan.FromSeconds(1), MaxRetries = 3 },
        [Actor] = new() { Name = Actor, Duration = TimeSpan.FromSeconds(1), MaxRetries = 3 },
        [ActorReminder] = new() { Name = ActorReminder, Kind = RetryBackoffKind.Exponential },
        [Initialization] = new()
        {
            Name = Initialization,
            Kind = RetryBackoffKind.Exponential,
            Duration = TimeSpan.FromSeconds(2),
            MaxInterval = TimeSpan.FromSeconds(1),
            MaxElapsedTime = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
        },
        [ActorNotFound] = new() { Name = ActorNotFound, Duration = TimeSpan.FromSeconds(1), MaxRetries = 5 },
    };

    public static bool IsBuiltIn(string name) => Defaults.ContainsKey(name);

    public static bool IsProtected(string name) => name == ActorNotFound;
}
