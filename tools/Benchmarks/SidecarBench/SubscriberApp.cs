using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.Dapr.AppCallback;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Hosting;
using PurifierRental.Grpc.Server;
using PurifierRental.Testing.V1;

namespace PurifierRental.Benchmarks.SidecarBench;

/// <summary>
/// An app that subscribes to one topic through the same AppCallback host the services use; its handler
/// reports each message's arrival. Events are EchoRequest envelopes as protobuf JSON, the message field
/// carrying the id the publisher waits for.
/// </summary>
internal static class SubscriberApp
{
    public const string Topic = "sidecar-bench";

    public static WebApplication Build(Deliveries deliveries)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        builder.Services.AddGrpcServer();
        builder.Services.AddGrpcHealth();
        builder.Services.AddSingleton(deliveries);
        builder.Services.AddSingleton<TopicSubscriptionRegistry>();
        builder.Services.AddTopicSubscription<EchoRequest, ArrivalHandler>(BenchComponents.PubSub, Topic);
        var app = builder.Build();
        app.MapDaprAppCallback();
        app.MapGrpcHealthService();
        return app;
    }

    private sealed class ArrivalHandler(Deliveries deliveries) : ITopicEventHandler<EchoRequest>
    {
        public Task<TopicEventOutcome> HandleAsync(EchoRequest message, TopicEventContext context, CancellationToken cancellationToken)
        {
            deliveries.Arrived(message.Message);
            return Task.FromResult(TopicEventOutcome.Success);
        }
    }
}
