using Dapr.Client.Autogen.Grpc.v1;
using DevMesh.Components.PubSub;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

/// <summary>PublishEvent and BulkPublishEvent: validate as daprd does, wrap the data in a CloudEvent (unless rawPayload), hand it to the broker.</summary>
internal sealed class DaprPublishApi(SidecarContext sidecar)
{
    public async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        var component = Component(request.PubsubName, request.Topic);
        var metadata = new Dictionary<string, string>(request.Metadata);
        var payload = IsRawPayload(metadata)
            ? request.Data.ToByteArray()
            : Envelope(request.PubsubName, request.Topic, request.Data.ToByteArray(), request.DataContentType, metadata, CallerTrace.Of(context));
        try
        {
            await sidecar.RunOutboundAsync(request.PubsubName,
                async ct => { await component.PublishAsync(request.Topic, payload, metadata, ct); return true; },
                context.CancellationToken);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw DaprErrors.PublishFailed(request.Topic, request.PubsubName, e.Message);
        }
        return new Empty();
    }

    /// <summary>
    /// BulkPublishEvent as daprd runs it on a broker without native bulk publishing: every entry (a unique, non-empty
    /// entry id) becomes its own CloudEvent and is published on its own, in parallel, under the component's outbound
    /// policy; a retry sends only the entries that failed. An entry's metadata is the request's overlaid with its own,
    /// and only when it has some. Any entry that still fails fails the call (INTERNAL); on success no entry is listed
    /// as failed.
    /// </summary>
    public async Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context)
    {
        var component = Component(request.PubsubName, request.Topic);
        var raw = IsRawPayload(request.Metadata);
        var callerTrace = CallerTrace.Of(context);
        var entryIds = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(byte[] Payload, Dictionary<string, string> Metadata)>();
        foreach (var entry in request.Entries)
        {
            if (string.IsNullOrEmpty(entry.EntryId) || !entryIds.Add(entry.EntryId))
            {
                throw DaprErrors.Error(StatusCode.InvalidArgument,
                    $"error marshaling events to bytes for topic {request.Topic} pubsub {request.PubsubName}. error: entryId is duplicated or not present for entry");
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (entry.Metadata.Count > 0)
            {
                foreach (var (key, value) in request.Metadata.Concat(entry.Metadata))
                {
                    metadata[key] = value;
                }
            }
            var data = entry.Event.ToByteArray();
            pending.Add((raw ? data : Envelope(request.PubsubName, request.Topic, data, entry.ContentType, metadata, callerTrace), metadata));
        }
        try
        {
            await sidecar.RunOutboundAsync(request.PubsubName, async ct =>
            {
                var failures = (await Task.WhenAll(pending.Select(async message =>
                {
                    try
                    {
                        await component.PublishAsync(request.Topic, message.Payload, message.Metadata, ct);
                        return (Message: message, Error: (Exception?)null);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        return (Message: message, Error: e);
                    }
                }))).Where(result => result.Error is not null).ToList();
                pending = [.. failures.Select(failure => failure.Message)];
                return failures.Count == 0 ? true : throw failures[0].Error!;
            }, context.CancellationToken);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw DaprErrors.PublishFailed(request.Topic, request.PubsubName, e.Message);
        }
        return new BulkPublishResponse();
    }

    /// <summary>The checks daprd makes before publishing, in its order.</summary>
    private IPubSub Component(string pubsubName, string topic)
    {
        if (sidecar.Components.PubSubs.Count == 0)
        {
            throw DaprErrors.PubsubNotConfigured();
        }
        if (string.IsNullOrEmpty(pubsubName))
        {
            throw DaprErrors.PubsubEmpty();
        }
        if (!sidecar.Components.PubSubs.TryGetValue(pubsubName, out var component))
        {
            throw DaprErrors.PubsubNotFound(pubsubName);
        }
        if (string.IsNullOrEmpty(topic))
        {
            throw DaprErrors.TopicEmpty(pubsubName);
        }
        return component.PubSub;
    }

    private byte[] Envelope(string pubsubName, string topic, byte[] data, string contentType, Dictionary<string, string> metadata, CallerTrace? callerTrace)
    {
        try
        {
            return CloudEventEnvelope.Build(sidecar.AppId, pubsubName, topic, data, contentType, metadata, callerTrace);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw DaprErrors.Error(StatusCode.InvalidArgument, $"error when publish to topic {topic} in pubsub {pubsubName}: {e.Message}");
        }
    }

    private static bool IsRawPayload(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("rawPayload", out var value))
        {
            return false;
        }
        return bool.TryParse(value, out var raw) ? raw : throw DaprErrors.PubsubMetadata($"rawPayload value '{value}' is not a boolean");
    }
}
