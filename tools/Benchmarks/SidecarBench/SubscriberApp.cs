using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.ServiceDefaults.AppCallback;
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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(deliveries);
        builder.Services.AddSingleton<TopicSubscriptionRegistry>();
        builder.Services.AddSingleton<RecentlyHandledEvents>();
        builder.Services.AddTopicSubscription<EchoRequest, ArrivalHandler>(BenchComponents.PubSub, Topic);
        var app = builder.Build();
        // The services' own AppCallback, without its health probe: the bench's sidecars check no app health.
        app.MapGrpcService<AppCallbackService>();
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
