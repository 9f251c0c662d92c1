using PurifierRental.Dapr.Sidecar;
using PurifierRental.Dapr.State;
using PurifierRental.Grpc;

namespace PurifierRental.Dapr.Hosting;

/// <summary>
/// What a failed sidecar call means to the caller of a service, in gRPC's terms: a store or broker that is down or
/// unreachable is UNAVAILABLE (wait and retry), a write that kept losing ETag races is ABORTED (retry now). A sidecar
/// that refuses the request itself is a misconfiguration and stays INTERNAL, logged as an error. The messages
/// name no host, key or store: those are in the service's log.
/// </summary>
public static class SidecarFailureStatus
{
    public const string UnavailableMessage = "The service cannot reach its state store or message broker right now; try again shortly.";

    public const string AbortedMessage = "Another request changed the same data at the same moment; try again.";

    public static Status? Of(Exception exception) => exception switch
    {
        DaprSidecarException { IsRefusal: false } => new Status(StatusCode.Unavailable, UnavailableMessage),
        StateConcurrencyException => new Status(StatusCode.Aborted, AbortedMessage),
        _ => null,
    };
}
