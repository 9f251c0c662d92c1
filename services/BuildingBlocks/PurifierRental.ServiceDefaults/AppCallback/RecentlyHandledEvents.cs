using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>
/// The envelope <c>event_id</c>s this app instance handled last, so that the second copy of an event (every committed
/// event is published twice: through the store's outbox and as a copy, with one <c>event_id</c>) is acknowledged
/// without a handler reading state only to find it applied. Only a delivery the handler acknowledged is
/// remembered, and only the latest <see cref="Capacity"/>; what is not remembered (after a restart, or on another
/// replica) is still recognised by the handlers' own state guards, as every redelivery is.
/// </summary>
public sealed class RecentlyHandledEvents
{
    public const int Capacity = 4096;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>The envelope's <c>event_id</c>, or null for an envelope without one.</summary>
    public static string? EventIdOf(IMessage envelope) =>
        envelope.Descriptor.FindFieldByName("event_id") is { FieldType: FieldType.String } field
            && field.Accessor.GetValue(envelope) is string { Length: > 0 } id
            ? id
            : null;

    public bool Contains(string eventId)
    {
        lock (_gate)
        {
            return _ids.Contains(eventId);
        }
    }

    public void Add(string eventId)
    {
        lock (_gate)
        {
            if (!_ids.Add(eventId))
            {
                return;
            }
            _order.Enqueue(eventId);
            if (_order.Count > Capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }
    }
}
