using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Server;

namespace DevMesh.Sidecar.Api;

/// <summary>PublishEvent: validates as daprd does, wraps the data in a CloudEvent (unless rawPayload), hands it to the broker.</summary>
internal sealed class DaprPublishApi(SidecarContext sidecar)
{
    public async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        if (sidecar.Components.PubSubs.Count == 0)
        {
            throw DaprErrors.PubsubNotConfigured();
        }
        if (string.IsNullOrEmpty(request.PubsubName))
        {
            throw DaprErrors.PubsubEmpty();
        }
        if (!sidecar.Components.PubSubs.TryGetValue(request.PubsubName, out var component))
        {
            throw DaprErrors.PubsubNotFound(request.PubsubName);
        }
        if (string.IsNullOrEmpty(request.Topic))
        {
            throw DaprErrors.TopicEmpty(request.PubsubName);
        }
        var metadata = new Dictionary<string, string>(request.Metadata);
        var payload = IsRawPayload(metadata)
            ? request.Data.ToByteArray()
            : Envelope(request, metadata, CallerTrace.Of(context));
        try
        {
            await sidecar.RunOutboundAsync(request.PubsubName,
                async ct => { await component.PubSub.PublishAsync(request.Topic, payload, metadata, ct); return true; },
                context.CancellationToken);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw DaprErrors.PublishFailed(request.Topic, request.PubsubName, e.Message);
        }
        return new Empty();
    }

    private byte[] Envelope(PublishEventRequest request, Dictionary<string, string> metadata, CallerTrace? callerTrace)
    {
        try
        {
            return CloudEventEnvelope.Build(sidecar.AppId, request.PubsubName, request.Topic, request.Data.ToByteArray(), request.DataContentType, metadata, callerTrace);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"error when publish to topic {request.Topic} in pubsub {request.PubsubName}: {e.Message}");
        }
    }

    private static bool IsRawPayload(Dictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("rawPayload", out var value))
        {
            return false;
        }
        return bool.TryParse(value, out var raw) ? raw : throw DaprErrors.PubsubMetadata($"rawPayload value '{value}' is not a boolean");
    }
}
