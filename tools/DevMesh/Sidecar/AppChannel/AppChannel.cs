using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace DevMesh.Sidecar.AppChannel;

/// <summary>The sidecar's gRPC connection to its app: the AppCallback calls, with the app token when one is set.</summary>
public sealed class AppChannel : IDisposable
{
    private static readonly ServiceDescriptor Callback = AppcallbackReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AppCallback");
    private static readonly ServiceDescriptor HealthCheckService = AppcallbackReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AppCallbackHealthCheck");

    public static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptions = Method<Empty, ListTopicSubscriptionsResponse>.From(Callback, "ListTopicSubscriptions");
    public static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEvent = Method<TopicEventRequest, TopicEventResponse>.From(Callback, "OnTopicEvent");
    public static readonly Method<Empty, HealthCheckResponse> HealthCheck = Method<Empty, HealthCheckResponse>.From(HealthCheckService, "HealthCheck");

    private readonly GrpcChannel _channel;

    public AppChannel(SidecarOptions options)
    {
        _channel = GrpcChannel.ForAddress(options.AppAddress);
        var invoker = _channel.CreateCallInvoker();
        Plain = invoker;
        // daprd >= 1.16.2 sends the app token on OnTopicEvent too, never on List* or HealthCheck.
        WithToken = options.AppApiToken is { } token ? invoker.WithHeaders(new Metadata().Add("dapr-api-token", token)) : invoker;
    }

    /// <summary>For ListTopicSubscriptions and HealthCheck.</summary>
    public CallInvoker Plain { get; }

    /// <summary>For OnTopicEvent.</summary>
    public CallInvoker WithToken { get; }

    public void Dispose() => _channel.Dispose();
}
