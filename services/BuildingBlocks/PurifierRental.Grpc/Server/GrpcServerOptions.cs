namespace PurifierRental.Grpc.Server;

/// <summary>Limits and behaviour of every gRPC service an app hosts.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted; larger ones fail with RESOURCE_EXHAUSTED. 4 MiB as in gRPC's defaults.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent; null for no limit, as in gRPC's defaults.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When true, the message of an unexpected handler exception is sent to the client.
    /// Off by default: internals must not leak to callers.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// The status for an exception a handler let escape, when the app knows what it means (say, a dependency that is
    /// down: UNAVAILABLE, so the caller knows to retry); null keeps the default, INTERNAL. The status's detail goes
    /// to the client as it is, so it must be written for callers.
    /// </summary>
    public Func<Exception, Status?>? ExceptionStatus { get; set; }
}
