using PurifierRental.Order.V1;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.ServiceDefaults.Tests.AppCallback;

/// <summary>Records the envelope ids it is given; asks for a retry once when told to.</summary>
public sealed class CountingHandler : ITopicEventHandler<OrderEvent>
{
    public List<string> Handled { get; } = [];

    public bool RetryNext { get; set; }

    public Task<TopicEventOutcome> HandleAsync(OrderEvent message, TopicEventContext context, CancellationToken cancellationToken)
    {
        lock (Handled)
        {
            Handled.Add(message.EventId);
        }
        var outcome = RetryNext ? TopicEventOutcome.Retry : TopicEventOutcome.Success;
        RetryNext = false;
        return Task.FromResult(outcome);
    }
}
