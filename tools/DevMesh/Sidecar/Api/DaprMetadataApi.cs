using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Sidecar.Subscriptions;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>GetMetadata: who this sidecar serves, its components, subscriptions and app connection.</summary>
internal sealed class DaprMetadataApi(SidecarContext sidecar, SidecarOptions options, SubscriptionManager subscriptions)
{
    public const string RuntimeVersion = "devmesh-1.16-compatible";

    public Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context) => Task.FromResult(Describe());

    public GetMetadataResponse Describe()
    {
        var response = new GetMetadataResponse
        {
            Id = sidecar.AppId,
            RuntimeVersion = RuntimeVersion,
            AppConnectionProperties = new AppConnectionProperties
            {
                Port = options.AppPort,
                Protocol = options.AppProtocol,
                ChannelAddress = options.AppChannelAddress,
                MaxConcurrency = 0,
            },
        };
        foreach (var (name, store) in sidecar.Components.StateStores)
        {
            var component = new RegisteredComponents { Name = name, Type = store.Type, Version = "v1" };
            component.Capabilities.AddRange(store.Store.Features);
            response.RegisteredComponents.Add(component);
        }
        foreach (var (name, pubsub) in sidecar.Components.PubSubs)
        {
            response.RegisteredComponents.Add(new RegisteredComponents { Name = name, Type = pubsub.Type, Version = "v1" });
        }
        foreach (var active in subscriptions.Active)
        {
            response.Subscriptions.Add(new PubsubSubscription
            {
                PubsubName = active.PubsubName,
                Topic = active.Topic,
                DeadLetterTopic = active.DeadLetterTopic ?? "",
            });
        }
        return response;
    }
}
