namespace PurifierRental.ServiceDefaults.SharedKernel;

/// <summary>
/// What a command or an event did to an aggregate, the same in every bounded context: the aggregate after it, the
/// event it causes (null: none), and whether anything changed at all. A repeat of something already done changes
/// nothing, so nothing is stored and nothing is published.
/// </summary>
public sealed record Transition<TAggregate, TEvent>(TAggregate Aggregate, TEvent? Event, bool Changed = true)
    where TAggregate : class
    where TEvent : class
{
    public static Transition<TAggregate, TEvent> Unchanged(TAggregate aggregate) => new(aggregate, null, Changed: false);

    /// <summary>The aggregate after the step and the event it causes, for <c>var (order, placed) = ...</c>.</summary>
    public void Deconstruct(out TAggregate aggregate, out TEvent? @event)
    {
        aggregate = Aggregate;
        @event = Event;
    }
}
