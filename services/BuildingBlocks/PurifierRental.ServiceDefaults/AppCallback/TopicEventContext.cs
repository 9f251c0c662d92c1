using Grpc.Core;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>The CloudEvent attributes that came with an event.</summary>
public sealed record TopicEventContext(string Id, string Source, string Type, string PubsubName, string Topic, Metadata Metadata);
