using Google.Protobuf;
using Grpc.Core;
using PurifierRental.Testing.V1;

namespace PurifierRental.EchoServer;

/// <summary>
/// Echoes requests back, and fails, waits or streams when the request asks it to. Request metadata
/// named <c>echo-back-*</c> comes back as response headers and trailers, so that metadata can be
/// checked in both directions; handlers stopped by cancellation or a deadline are reported to
/// <see cref="EchoCallLog"/>.
/// </summary>
public sealed class EchoApi(EchoCallLog log) : EchoService.EchoServiceBase
{
    public const string EchoBackPrefix = "echo-back-";

    /// <summary>A name a call may give itself, so that its end is logged under it even if no message arrived.</summary>
    public const string CallIdHeader = "echo-call-id";

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        ObserveAsync("Echo", () => request.Message, context, async () =>
        {
            await EchoBackAsync(context);
            await ActAsync(request, context);
            return Answer(request, context);
        });

    public override Task StreamEcho(EchoRequest request, IServerStreamWriter<EchoResponse> responses, ServerCallContext context) =>
        ObserveAsync("StreamEcho", () => request.Message, context, async () =>
        {
            await EchoBackAsync(context);
            for (var i = 0; i < request.Count; i++)
            {
                if (request.DelayMs > 0)
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }
                await responses.WriteAsync(new EchoResponse { Message = request.Message, Index = i });
            }
            if (request.FailWithCode != 0)
            {
                Fail(request, context);
            }
            return true;
        });

    public override Task<EchoResponse> CollectEcho(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var messages = new List<string>();
        return ObserveAsync("CollectEcho", () => messages.FirstOrDefault() ?? "", context, async () =>
        {
            await EchoBackAsync(context);
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                messages.Add(request.Message);
            }
            return new EchoResponse { Message = string.Join(",", messages) };
        });
    }

    public override Task ChatEcho(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        string? first = null;
        return ObserveAsync("ChatEcho", () => first ?? "", context, async () =>
        {
            await EchoBackAsync(context);
            var index = 0;
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                first ??= request.Message;
                await ActAsync(request, context);
                await responses.WriteAsync(new EchoResponse { Message = request.Message, Index = index++ });
            }
            return true;
        });
    }

    private static readonly TimeSpan DeadlineClockSlack = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs a handler body and reports to the log when cancellation or the deadline stopped it.</summary>
    private async Task<T> ObserveAsync<T>(string method, Func<string> firstMessage, ServerCallContext context, Func<Task<T>> body)
    {
        var callId = context.RequestHeaders.GetValue(CallIdHeader);
        string message() => callId ?? firstMessage();
        TimeSpan? timeout = context.Deadline == DateTime.MaxValue ? null : context.Deadline - DateTime.UtcNow;
        try
        {
            return await body();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.CancellationToken.IsCancellationRequested)
        {
            // The deadline timer runs on a monotonic millisecond clock, DateTime.UtcNow on the wall clock: the timer
            // may fire a moment before the wall clock reaches the deadline, which is still the deadline's doing.
            var outcome = DateTime.UtcNow >= context.Deadline - DeadlineClockSlack ? "deadline-exceeded" : "cancelled";
            log.Record(new EchoCallEnd(method, message(), outcome, timeout));
            throw;
        }
    }

    private static async Task EchoBackAsync(ServerCallContext context)
    {
        var back = new Metadata();
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith(EchoBackPrefix, StringComparison.Ordinal)))
        {
            back.Add(entry);
            context.ResponseTrailers.Add(entry);
        }
        if (back.Count > 0)
        {
            await context.WriteResponseHeadersAsync(back);
        }
    }

    private static async Task ActAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        if (request.FailWithCode != 0)
        {
            Fail(request, context);
        }
    }

    private static void Fail(EchoRequest request, ServerCallContext context)
    {
        context.ResponseTrailers.Add("echo-failed", "true");
        throw new RpcException(new Status((StatusCode)request.FailWithCode, request.FailWithMessage));
    }

    private static EchoResponse Answer(EchoRequest request, ServerCallContext context)
    {
        var response = new EchoResponse
        {
            Message = request.Message,
            Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
        };
        response.SeenMetadata.AddRange(context.RequestHeaders
            .Where(e => e.Key != "user-agent")
            .Select(e => e.IsBinary ? $"{e.Key}={Convert.ToBase64String(e.ValueBytes)}" : $"{e.Key}={e.Value}")
            .Order(StringComparer.Ordinal));
        return response;
    }
}
