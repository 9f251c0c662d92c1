using DevMesh.Configuration;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// The components every sidecar of the benchmark loads: state.redis and pubsub.redis on the benchmark's own
/// redis-server, with the repository's pub/sub settings (components/pubsub.yaml), so the sidecar does the
/// work it does in the product.
/// </summary>
internal static class BenchComponents
{
    public const string StateStore = "statestore";

    public const string PubSub = "pubsub";

    public static ResourceSet For(string appId, string redisEndpoint) => ResourceLoader.Parse(
    [
        ("components/statestore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {StateStore}
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: "{redisEndpoint}"
            """),
        ("components/pubsub.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {PubSub}
            spec:
              type: pubsub.redis
              version: v1
              metadata:
              - name: redisHost
                value: "{redisEndpoint}"
              - name: processingTimeout
                value: 15s
              - name: redeliverInterval
                value: 2s
              - name: concurrency
                value: "10"
            """),
    ], appId);
}
