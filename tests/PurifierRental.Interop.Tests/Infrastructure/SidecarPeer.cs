using Google.Protobuf;
using PurifierRental.EndToEnd.Tests.Infrastructure;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>
/// grpc-js as a Dapr client: every call goes to the gateway's sidecar with <c>dapr-app-id</c> naming the target app,
/// and the sidecar proxies it there.
/// </summary>
public sealed class SidecarPeer(MeshFixture mesh)
{
    public const string OrderService = "purifierrental.order.v1.OrderService";
    public const string OrderStatusService = "purifierrental.orderstatus.v1.OrderStatusService";
    public const string Health = "grpc.health.v1.Health";

    /// <summary>The gateway's sidecar: the one caller config/config.yaml's access policy lets call the services.</summary>
    public string Address => $"127.0.0.1:{mesh.Mesh.Instance("gateway").DaprGrpcPort}";

    /// <param name="metadata">More request metadata besides <c>dapr-app-id</c>.</param>
    public Task<GrpcJsOutcome> CallAsync(string appId, string service, string method, IMessage request,
        IReadOnlyDictionary<string, string>? metadata = null, int? deadlineMs = null, int? cancelAfterResponses = null)
    {
        var headers = new Dictionary<string, string[]> { ["dapr-app-id"] = [appId] };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            headers[key] = [value];
        }
        return GrpcJsClient.CallAsync(new GrpcJsCall
        {
            Address = Address,
            Service = service,
            Method = method,
            Request = GrpcJsCall.RequestOf(request),
            Metadata = headers,
            DeadlineMs = deadlineMs,
            CancelAfterResponses = cancelAfterResponses,
        });
    }
}
