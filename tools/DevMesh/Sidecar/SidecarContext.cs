using DevMesh.Components.State;
using DevMesh.Configuration.Resiliency;

namespace DevMesh.Sidecar;

/// <summary>What every part of one sidecar shares: who it serves, its components and its resiliency policies.</summary>
public sealed class SidecarContext(string appId, SidecarComponents components, ResiliencyPolicies resiliency)
{
    public string AppId { get; } = appId;

    public SidecarComponents Components { get; } = components;

    public ResiliencyPolicies Resiliency { get; } = resiliency;

    /// <summary>Runs a component call under the component's outbound policy; ETag errors are answers, not failures to retry.</summary>
    public async Task<T> RunOutboundAsync<T>(string component, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        await Resiliency.ForComponentOutbound(component).ExecuteAsync(
            async ct => await operation(ct),
            classifyResult: null,
            classifyException: static e => e is ETagMismatchException or InvalidETagException or FormatException
                ? FailureClassification.Success
                : FailureClassification.Failure,
            cancellationToken);
}
