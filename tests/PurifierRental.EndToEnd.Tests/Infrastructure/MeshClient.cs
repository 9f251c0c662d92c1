using Dapr.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A client as any Dapr client is one: the services' generated clients call a sidecar's gRPC port, and the
/// Dapr SDK's invocation interceptor names the target app in <c>dapr-app-id</c> so that the sidecar proxies them.
/// </summary>
public sealed class MeshClient(int sidecarGrpcPort) : IDisposable
{
    /// <summary>Generous: on a busy two-core machine the whole mesh shares the cores with the test; a real hang still fails.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarGrpcPort}");

    public OrderService.OrderServiceClient Orders => new(InvokerFor("order"));

    public ManagementCenterService.ManagementCenterServiceClient Center => new(InvokerFor("managementcenter"));

    public InstallationService.InstallationServiceClient Installations => new(InvokerFor("installation"));

    public OrderStatusService.OrderStatusServiceClient Statuses => new(InvokerFor("orderstatus"));

    /// <summary>The options of a unary call: the default deadline, and more request metadata such as a W3C <c>traceparent</c>.</summary>
    public static CallOptions Unary(Metadata? headers = null) => new(headers, DateTime.UtcNow + DefaultTimeout);

    private CallInvoker InvokerFor(string appId) => _channel.Intercept(new InvocationInterceptor(appId, null));

    public void Dispose() => _channel.Dispose();
}
