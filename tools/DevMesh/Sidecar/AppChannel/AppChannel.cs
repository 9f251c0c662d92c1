using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using InvokeRequest = Dapr.Client.Autogen.Grpc.v1.InvokeRequest;
using InvokeResponse = Dapr.Client.Autogen.Grpc.v1.InvokeResponse;

namespace DevMesh.Sidecar.AppChannel;

/// <summary>
/// The sidecar's gRPC connection to its app (Grpc.Net.Client) with the AppCallback and AppCallbackHealthCheck
/// methods, and the app token (APP_API_TOKEN) for the calls daprd sends it on.
/// </summary>
public sealed class AppChannel : IDisposable
{
    public static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptions =
        ProtoMethod.Unary<Empty, ListTopicSubscriptionsResponse>(AppCallback.Descriptor, "ListTopicSubscriptions");

    public static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEvent =
        ProtoMethod.Unary<TopicEventRequest, TopicEventResponse>(AppCallback.Descriptor, "OnTopicEvent");

    public static readonly Method<InvokeRequest, InvokeResponse> OnInvoke =
        ProtoMethod.Unary<InvokeRequest, InvokeResponse>(AppCallback.Descriptor, "OnInvoke");

    public static readonly Method<Empty, HealthCheckResponse> HealthCheck =
        ProtoMethod.Unary<Empty, HealthCheckResponse>(AppCallbackHealthCheck.Descriptor, "HealthCheck");

    private readonly GrpcChannel _channel;
    private readonly string? _appApiToken;

    public AppChannel(SidecarOptions options)
    {
        _channel = GrpcChannel.ForAddress(options.AppAddress, new GrpcChannelOptions { MaxReceiveMessageSize = options.MaxBodySize });
        _appApiToken = options.AppApiToken;
        Invoker = _channel.CreateCallInvoker();
    }

    public CallInvoker Invoker { get; }

    /// <summary>
    /// Adds the app token to the headers of a call that carries it: OnTopicEvent (daprd 1.16.2 and later), OnInvoke
    /// and proxied calls; never ListTopicSubscriptions or HealthCheck.
    /// </summary>
    public Metadata WithAppToken(Metadata headers)
    {
        if (_appApiToken is { } token)
        {
            headers.Add("dapr-api-token", token);
        }
        return headers;
    }

    public void Dispose() => _channel.Dispose();
}
