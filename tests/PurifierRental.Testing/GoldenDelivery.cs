using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using PurifierRental.ServiceDefaults.AppCallback;

namespace PurifierRental.Testing;

/// <summary>
/// A golden event as a consumer receives it: its protobuf JSON decoded the way the AppCallback decodes a delivery's
/// data, and the context of a delivery from the producing app.
/// </summary>
public static class GoldenDelivery
{
    /// <summary>The golden event <paramref name="name"/> of <paramref name="producer"/> (see <see cref="GoldenEvents.Read"/>) as a <typeparamref name="T"/>.</summary>
    public static T Decode<T>(string producer, string name)
        where T : IMessage<T>, new()
    {
        var request = new TopicEventRequest { Data = ByteString.CopyFromUtf8(GoldenEvents.Read(producer, name)), DataContentType = "application/json" };
        var decoded = TopicEventDecoder.TryDecode(request, new T().Descriptor, out var error);
        return decoded is T message
            ? message
            : throw new InvalidOperationException($"The golden event {producer}/{name} does not decode as {typeof(T).Name}: {error}");
    }

    /// <summary>What a handler learns of a delivery on <paramref name="topic"/> from <paramref name="producer"/>.</summary>
    public static TopicEventContext Context(string producer, string topic) =>
        new("cloud-event-1", producer, "com.dapr.event.sent", "pubsub", topic, new Metadata());
}
