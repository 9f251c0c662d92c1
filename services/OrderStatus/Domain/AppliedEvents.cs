using System.Collections.Immutable;

namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// The ids of the events a view has applied, newest last, so that a redelivered event changes nothing.
/// Bounded to keep the stored view small: an order sees about ten events in its whole life, far fewer
/// than <see cref="Capacity"/>, so forgetting the oldest ids costs nothing in practice.
/// </summary>
public sealed record AppliedEvents(ImmutableArray<string> Ids)
{
    public const int Capacity = 100;

    public static readonly AppliedEvents None = new(ImmutableArray<string>.Empty);

    public bool Contains(string eventId) => Ids.Contains(eventId);

    public AppliedEvents With(string eventId) =>
        new(Ids.Length < Capacity ? Ids.Add(eventId) : Ids.RemoveAt(0).Add(eventId));
}
