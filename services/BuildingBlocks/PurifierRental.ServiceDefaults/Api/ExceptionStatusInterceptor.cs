using System.Net.Sockets;
using Dapr;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using PurifierRental.ServiceDefaults.State;
using Status = Google.Rpc.Status;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>
/// Turns what a call throws into the status its caller can act on. An invalid request is INVALID_ARGUMENT with a
/// <c>google.rpc.BadRequest</c> field violation; a domain refusal gets the status its <see cref="RefusalRule"/>
/// names; a store, broker, sidecar or app that is down, unreachable or too slow is UNAVAILABLE (wait and retry), and
/// so is an UNKNOWN answer from a call the handler made, since a caller cannot act on UNKNOWN (daprd answers so for an
/// app it cannot find and for an open circuit breaker, both of which pass); a write that kept losing
/// ETag races is ABORTED (retry now). Any other status a handler raises stays as it is. Anything else, including a sidecar that refuses the request itself (a
/// misconfiguration), is INTERNAL and logged as an error. The messages name no host, key or store: those are in
/// the service's log.
/// </summary>
public sealed class ExceptionStatusInterceptor(IEnumerable<RefusalRule> refusals, ILogger<ExceptionStatusInterceptor> logger) : Interceptor
{
    public const string UnavailableMessage = "The service cannot reach its state store or message broker right now; try again shortly.";

    public const string AbortedMessage = "Another request changed the same data at the same moment; try again.";

    public const string InternalMessage = "Exception was thrown by handler.";

    private readonly RefusalRule[] _refusals = [.. refusals];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status to answer with; null leaves the exception as it is (a status already, or the caller's cancellation).</summary>
    private RpcException? Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            case RpcException { StatusCode: StatusCode.Unknown }:
                return Unavailable(exception, context);
            case RpcException:
                return null;
            case InvalidRequestException invalid:
                return Invalid(invalid.Message, invalid.Field);
            case StateConcurrencyException:
                logger.LogWarning(exception, "{Method} kept losing concurrent writes.", context.Method);
                return new RpcException(new Grpc.Core.Status(StatusCode.Aborted, AbortedMessage));
            case DaprException dapr when !SidecarStatus.IsRefusal(dapr):
            // The caller's call is still on: a wait inside it ran out, or a connection broke.
            case TimeoutException or OperationCanceledException or HttpRequestException or IOException or SocketException:
                return Unavailable(exception, context);
        }
        if (_refusals.FirstOrDefault(rule => rule.Matches(exception)) is { } refusal)
        {
            var code = refusal.CodeOf(exception);
            logger.LogInformation("{Method} refused ({Code}): {Reason}", context.Method, code, exception.Message);
            return code == StatusCode.InvalidArgument
                ? Invalid(exception.Message, refusal.FieldOf(exception))
                : new RpcException(new Grpc.Core.Status(code, exception.Message));
        }
        logger.LogError(exception, "{Method} failed.", context.Method);
        return new RpcException(new Grpc.Core.Status(StatusCode.Internal, InternalMessage));
    }

    private RpcException Unavailable(Exception exception, ServerCallContext context)
    {
        logger.LogWarning(exception, "{Method} failed: the sidecar, its store or broker, or another app is unavailable.", context.Method);
        return new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, UnavailableMessage));
    }

    private static RpcException Invalid(string message, string? field)
    {
        var status = new Status { Code = (int)Code.InvalidArgument, Message = message };
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } },
            }));
        }
        return status.ToRpcException();
    }
}
