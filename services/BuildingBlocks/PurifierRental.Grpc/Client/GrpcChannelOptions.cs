namespace PurifierRental.Grpc.Client;

public sealed class GrpcChannelOptions
{
    /// <summary>The largest response message accepted; larger ones fail with RESOURCE_EXHAUSTED. 4 MiB as in gRPC's defaults.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request message sent; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>A handler to send requests with; by default an HTTP/2 SocketsHttpHandler owned by the channel.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
