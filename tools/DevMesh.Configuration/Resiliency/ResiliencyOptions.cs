using DevMesh.Configuration.Components;

namespace DevMesh.Configuration.Resiliency;

/// <summary>Everything the policy engine needs from its host.</summary>
public sealed record ResiliencyOptions
{
    /// <summary>Clock for timeouts, retry waits and breaker timers; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of [0, 1) values for exponential jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// How an exception thrown by an operation is classified, e.g. a gRPC status exception to
    /// <see cref="FailureClassification.FromGrpcStatus"/>. Default: a failure without a status.
    /// </summary>
    public Func<Exception, FailureClassification> ClassifyException { get; init; } = static _ => FailureClassification.Failure;

    /// <summary>Component name → category, for the <c>Default&lt;Type&gt;Component…</c> policy names.</summary>
    public IReadOnlyDictionary<string, ComponentCategory> ComponentCategories { get; init; } = new Dictionary<string, ComponentCategory>();
}
