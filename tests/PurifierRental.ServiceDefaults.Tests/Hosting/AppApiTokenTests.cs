using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.Hosting;
using PurifierRental.Testing;
using HealthCheckResponse = Grpc.Health.V1.HealthCheckResponse;

namespace PurifierRental.ServiceDefaults.Tests.Hosting;

/// <summary>
/// With <c>APP_API_TOKEN</c> set, only a caller presenting it in <c>dapr-api-token</c> reaches the app's services
/// (here grpc.health, mapped without an exemption, stands for the app's API); the AppCallback listings, which daprd
/// calls without the token, stay open.
/// </summary>
public sealed class AppApiTokenTests : IAsyncLifetime
{
    private const string Token = "app-secret";

    // Dapr.Protos ships no AppCallback client: the calls are made as daprd makes them, by path.
    private static readonly string AppCallbackService = AppcallbackReflection.Descriptor.Services.Single(s => s.Name == "AppCallback").FullName;

    private static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptions =
        new(MethodType.Unary, AppCallbackService, "ListTopicSubscriptions", Marshaller(Empty.Parser), Marshaller(ListTopicSubscriptionsResponse.Parser));

    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEvent =
        new(MethodType.Unary, AppCallbackService, "OnTopicEvent", Marshaller(TopicEventRequest.Parser), Marshaller(TopicEventResponse.Parser));

    private InProcessGrpcHost _host = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppApiToken.Setting] = Token }).Build();
        _host = await InProcessGrpcHost.StartAsync(
            services => services.AddGrpcApi().AddAppApiToken(configuration).AddSingleton<TopicSubscriptionRegistry>().AddSingleton<RecentlyHandledEvents>()
                .AddGrpcHealthChecks().AddCheck("serving", () => HealthCheckResult.Healthy()),
            app =>
            {
                app.MapDaprAppCallback();
                app.MapGrpcHealthChecksService();
            });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task A_call_without_the_right_token_is_UNAUTHENTICATED(string? token)
    {
        var api = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest(), Options(token)));
        var delivery = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Channel.CreateCallInvoker().AsyncUnaryCall(OnTopicEvent, null, Options(token), new TopicEventRequest { PubsubName = "pubsub", Topic = "t" }));

        Assert.Equal(StatusCode.Unauthenticated, api.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, delivery.StatusCode);
        // Said in gRPC, not as an HTTP 401 the client can only call a bad response.
        Assert.Contains("dapr-api-token", api.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(api.Status.Detail, delivery.Status.Detail);
    }

    [Fact]
    public async Task A_call_with_the_token_reaches_the_app()
    {
        var health = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest(), Options(Token));
        var delivery = await _host.Channel.CreateCallInvoker().AsyncUnaryCall(OnTopicEvent, null, Options(Token), new TopicEventRequest { PubsubName = "pubsub", Topic = "t" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        // Nobody subscribes to "t": the app answers, and drops it.
        Assert.Equal(TopicEventResponse.Types.TopicEventResponseStatus.Drop, delivery.Status);
    }

    [Fact]
    public async Task The_subscription_listing_needs_no_token()
    {
        var subscriptions = await _host.Channel.CreateCallInvoker().AsyncUnaryCall(ListTopicSubscriptions, null, Options(null), new Empty());

        Assert.Empty(subscriptions.Subscriptions);
    }

    private static CallOptions Options(string? token)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("dapr-api-token", token);
        }
        return InProcessGrpcHost.Deadline.WithHeaders(headers);
    }

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
}
