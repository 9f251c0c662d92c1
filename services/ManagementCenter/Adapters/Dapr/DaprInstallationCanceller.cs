namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using PurifierRental.Dapr.Sidecar;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Client;
using PurifierRental.ManagementCenterService.Application;
using InstallationProto = PurifierRental.Installation.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

/// <summary>
/// Calls installation's CancelInstallation through Dapr gRPC proxying: our sidecar applies the resiliency
/// policies for the installation app (timeouts, retries, circuit breaker) and our client deadline bounds the
/// whole call. Every status other than OK, FAILED_PRECONDITION and INVALID_ARGUMENT means "no answer yet":
/// UNAVAILABLE (app or sidecar down), DEADLINE_EXCEEDED, UNKNOWN ("circuit breaker is open", name resolution),
/// INTERNAL from the sidecar, and the rest.
/// </summary>
internal sealed class DaprInstallationCanceller(DaprSidecarClient dapr, DaprNames names, ManagementCenterOptions options) : IInstallationCanceller
{
    private static readonly Method<InstallationProto.CancelInstallationRequest, InstallationProto.CancelInstallationResponse> CancelInstallation =
        Method<InstallationProto.CancelInstallationRequest, InstallationProto.CancelInstallationResponse>.From(
            InstallationProto.InstallationServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("InstallationService"), "CancelInstallation");

    private readonly CallInvoker _installation = dapr.InvokerFor(names.InstallationAppId);

    public async Task<InstallationCancelResult> CancelAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var request = new InstallationProto.CancelInstallationRequest { OrderId = orderId, Reason = reason };
            var response = await _installation.AsyncUnaryCall(CancelInstallation, request,
                CallOptions.WithTimeout(options.CancelInstallationTimeout, cancellationToken: cancellationToken));
            return new InstallationCancelResult(InstallationCancelAnswer.Cancelled, $"installation status {response.Installation?.Status}");
        }
        catch (RpcException e)
        {
            var answer = e.StatusCode switch
            {
                StatusCode.FailedPrecondition => InstallationCancelAnswer.AlreadyCompleted,
                StatusCode.InvalidArgument => InstallationCancelAnswer.Invalid,
                _ => InstallationCancelAnswer.Unavailable,
            };
            var detail = answer == InstallationCancelAnswer.AlreadyCompleted ? e.Status.Detail : $"{e.StatusCode}: {e.Status.Detail}";
            return new InstallationCancelResult(answer, detail);
        }
    }
}
