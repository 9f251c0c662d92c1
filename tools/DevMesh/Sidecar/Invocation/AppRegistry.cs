using System.Collections.Concurrent;

namespace DevMesh.Sidecar.Invocation;

/// <summary>
/// One running instance of an app, as its sidecar announces it for name resolution: where proxied calls go, and
/// the sidecar's own channel for OnInvoke.
/// </summary>
public sealed record AppInstance(string AppId, Uri Address, string? AppApiToken, Func<bool> IsHealthy, AppChannel.AppChannel Channel)
{
    /// <summary>The access control policy of the instance's sidecar, which decides who may call the app.</summary>
    public DevMesh.Configuration.AppConfiguration.AccessControlSpec? AccessControl { get; init; }
}

/// <summary>
/// Name resolution for one DevMesh process (daprd uses mDNS self-hosted and DNS on Kubernetes):
/// app-id to the instances that serve it, picked round robin.
/// </summary>
public sealed class AppRegistry
{
    private readonly ConcurrentDictionary<string, ImmutableInstances> _apps = new(StringComparer.Ordinal);

    public void Register(AppInstance instance) =>
        _apps.AddOrUpdate(instance.AppId, _ => new ImmutableInstances([instance]), (_, current) => current.With(instance));

    public void Unregister(AppInstance instance) =>
        _apps.AddOrUpdate(instance.AppId, _ => new ImmutableInstances([]), (_, current) => current.Without(instance));

    /// <summary>The next instance of <paramref name="appId"/>, or null when none is registered.</summary>
    public AppInstance? Resolve(string appId) => _apps.TryGetValue(appId, out var instances) ? instances.Next() : null;

    private sealed class ImmutableInstances(IReadOnlyList<AppInstance> instances)
    {
        private int _cursor = -1;

        public ImmutableInstances With(AppInstance instance) => new([.. instances, instance]);

        public ImmutableInstances Without(AppInstance instance) => new(instances.Where(i => !ReferenceEquals(i, instance)).ToList());

        public AppInstance? Next() =>
            instances.Count == 0 ? null : instances[(int)((uint)Interlocked.Increment(ref _cursor) % (uint)instances.Count)];
    }
}
