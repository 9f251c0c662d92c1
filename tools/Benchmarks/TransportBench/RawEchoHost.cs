using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PurifierRental.Grpc.Hosting;

namespace PurifierRental.Benchmarks.TransportBench;

/// <summary>
/// The baseline: Kestrel h2c answering a unary gRPC call at the framing level, with no gRPC layer,
/// no routing and no parsing. Whatever the transport costs above this is the transport's overhead.
/// </summary>
internal static class RawEchoHost
{
    public static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The same log level, listener and HTTP/2 limits as the server under test, so that only the layer
        // above Kestrel differs (hosting's per-request log scope depends on the level).
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(0));
        var app = builder.Build();
        app.Run(EchoAsync);
        return app;
    }

    /// <summary>Reads the whole request body and sends it back as a successful gRPC response.</summary>
    private static async Task EchoAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        ReadResult read;
        while (!(read = await reader.ReadAsync()).IsCompleted)
        {
            // Leave the data in the pipe until the client ends the stream: a unary request is one frame.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        foreach (var segment in read.Buffer)
        {
            // No flush: Kestrel sends the data and the trailers when the handler returns.
            response.BodyWriter.Write(segment.Span);
        }
        reader.AdvanceTo(read.Buffer.End);
        response.AppendTrailer("grpc-status", "0");
    }
}
