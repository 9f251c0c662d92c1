namespace PurifierRental.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Handlers throw it to choose the status the client sees;
/// clients receive it with the status and trailers the server sent.
/// </summary>
public class RpcException(Status status, Metadata trailers, string? message = null)
    : Exception(message ?? $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")")
{
    public RpcException(Status status) : this(status, Metadata.Empty) { }

    public RpcException(StatusCode code, string detail) : this(new Status(code, detail)) { }

    public Status Status { get; } = status;

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; } = trailers;
}
