using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PurifierRental.ServiceDefaults.State;

public static class CommittedEventRegistration
{
    /// <summary>
    /// Registers the <see cref="CommittedEventPublisher"/> of a service whose store's outbox publishes to
    /// <paramref name="topic"/> on <paramref name="pubsubName"/>: the two must name the same topic.
    /// </summary>
    public static IServiceCollection AddCommittedEventCopies(this IServiceCollection services, string pubsubName, string topic) =>
        services.AddSingleton(provider => new CommittedEventPublisher(
            provider.GetRequiredService<DaprClient>(), new EventTopic(pubsubName, topic), provider.GetRequiredService<ILogger<CommittedEventPublisher>>()));
}
