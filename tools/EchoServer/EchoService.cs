using Google.Protobuf;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Server;
using PurifierRental.Testing.V1;

namespace PurifierRental.EchoServer;

/// <summary>Echoes requests back, and fails, waits or streams when the request asks it to.</summary>
public sealed class EchoService
{
    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await ActAsync(request, context);
        return Answer(request, context);
    }

    public async Task StreamEcho(EchoRequest request, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
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
            throw new RpcException((StatusCode)request.FailWithCode, request.FailWithMessage);
        }
    }

    public async Task<EchoResponse> CollectEcho(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var messages = new List<string>();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            messages.Add(request.Message);
        }
        return new EchoResponse { Message = string.Join(",", messages) };
    }

    public async Task ChatEcho(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            await ActAsync(request, context);
            await responses.WriteAsync(new EchoResponse { Message = request.Message, Index = index++ });
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
            context.ResponseTrailers.Add("echo-failed", "true");
            throw new RpcException((StatusCode)request.FailWithCode, request.FailWithMessage);
        }
    }

    private static EchoResponse Answer(EchoRequest request, ServerCallContext context)
    {
        var response = new EchoResponse
        {
            Message = request.Message,
            Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
        };
        if (context.RequestHeaders.Count > 0)
        {
            response.SeenMetadata.AddRange(context.RequestHeaders
                .Where(e => e.Key != "user-agent")
                .Select(e => e.ToString())
                .Order(StringComparer.Ordinal));
        }
        return response;
    }
}
