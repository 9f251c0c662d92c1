using Grpc.Core;
using Grpc.Net.Client;
using PurifierRental.Testing.V1;

namespace DevMesh.Tests.Runner;

/// <summary>EchoService calls made the way an app makes them: to a sidecar's gRPC port, with <c>dapr-app-id</c>.</summary>
internal static class EchoCalls
{
    /// <summary>Calls <paramref name="appId"/> through the sidecar on <paramref name="sidecarGrpcPort"/>; returns the answer and the instance that gave it.</summary>
    public static async Task<(EchoResponse Response, string? Instance)> ThroughSidecarAsync(int sidecarGrpcPort, string appId, string message, string? apiToken = null)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarGrpcPort}");
        var headers = new Metadata { { "dapr-app-id", appId } };
        if (apiToken is not null)
        {
            headers.Add("dapr-api-token", apiToken);
        }

        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Message = message }, headers, DateTime.UtcNow.AddSeconds(10));
        var response = await call.ResponseAsync;
        var responseHeaders = await call.ResponseHeadersAsync;
        return (response, responseHeaders.GetValue("echo-instance"));
    }
}
