using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PurifierRental.ServiceDefaults.Hosting;

namespace PurifierRental.ServiceDefaults.AppCallback;

/// <summary>Dapr's app health probe: healthy once the sidecar is ready and until shutdown begins. daprd sends no token on it.</summary>
[AllowAnonymous]
public sealed class AppCallbackHealthCheckService(AppReadiness readiness) : AppCallbackHealthCheck.AppCallbackHealthCheckBase
{
    public override Task<HealthCheckResponse> HealthCheck(Empty request, ServerCallContext context) =>
        readiness.IsServing
            ? Task.FromResult(new HealthCheckResponse())
            : throw new RpcException(new Status(StatusCode.Unavailable, "The app is not serving."));
}
