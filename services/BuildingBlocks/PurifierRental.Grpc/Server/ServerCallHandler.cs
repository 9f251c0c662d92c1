using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Protocol;
using PurifierRental.Grpc.Telemetry;

namespace PurifierRental.Grpc.Server;

/// <summary>
/// Runs one call of one method: checks the request is gRPC, runs the handler against the deadline,
/// and turns the outcome into a gRPC status. Subclasses only say how messages flow.
/// </summary>
internal abstract class ServerCallHandler(string method, GrpcServerOptions options, ILogger logger)
{
    public string Method { get; } = method;

    protected abstract Task InvokeAsync(ServerCall call, ServerCallContext context);

    /// <summary>True for methods whose request or response may stay open for long.</summary>
    protected virtual bool IsStreaming => false;

    public async Task HandleAsync(HttpContext httpContext)
    {
        if (!await ProtocolGuard.AcceptAsync(httpContext).ConfigureAwait(false))
        {
            return;
        }
        var activity = Activity.Current;
        GrpcServerTelemetry.Describe(activity, Method);
        using var call = new ServerCall(httpContext, options);
        if (IsStreaming)
        {
            call.DisableHttpBodyLimits();
        }
        var context = new ServerCallContext(call, Method);
        var handler = StartHandler(call, context);
        var first = call.Deadline == DateTime.MaxValue
            ? handler
            : await Task.WhenAny(handler, call.DeadlineReached).ConfigureAwait(false);
        if (first != handler)
        {
            // The client stops waiting at its deadline, so the status goes out now; the handler
            // has been cancelled and is awaited below so that it never outlives the request.
            await call.CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty).ConfigureAwait(false);
        }
        var (status, trailers) = await OutcomeOfAsync(handler, call, context).ConfigureAwait(false);
        GrpcServerTelemetry.RecordStatus(activity, first != handler ? StatusCode.DeadlineExceeded : status?.StatusCode ?? StatusCode.Cancelled);
        if (status is { } s && !call.ClientCancelled)
        {
            await call.CompleteAsync(s, trailers).ConfigureAwait(false);
        }
    }

    /// <summary>A handler that throws before its first await still yields a task, so one path maps every outcome.</summary>
    private Task StartHandler(ServerCall call, ServerCallContext context)
    {
        try
        {
            return InvokeAsync(call, context);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private async Task<(Status? Status, Metadata Trailers)> OutcomeOfAsync(Task handler, ServerCall call, ServerCallContext context)
    {
        try
        {
            await handler.ConfigureAwait(false);
            return (context.Status, call.ResponseTrailersOrEmpty);
        }
        catch (RpcException e)
        {
            var trailers = context.ResponseTrailers;
            foreach (var entry in e.Trailers)
            {
                trailers.Add(entry);
            }
            return (e.Status, trailers);
        }
        catch (OperationCanceledException) when (call.DeadlineExceeded)
        {
            return (new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty);
        }
        catch (Exception) when (call.ClientCancelled)
        {
            logger.LogDebug("Call {Method} was cancelled by the client.", Method);
            return (null, Metadata.Empty);
        }
        catch (Exception e) when (options.ExceptionStatus?.Invoke(e) is { } known)
        {
            logger.LogWarning(e, "Call {Method} failed: {Detail}", Method, known.Detail);
            return (known, Metadata.Empty);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Handler of {Method} failed.", Method);
            var detail = options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {e.GetType().Name}: {e.Message}"
                : "Exception was thrown by handler.";
            return (new Status(StatusCode.Internal, detail), Metadata.Empty);
        }
    }
}
