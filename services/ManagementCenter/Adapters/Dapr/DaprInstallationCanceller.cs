namespace PurifierRental.ManagementCenterService.Adapters.Dapr;

using global::Grpc.Core;
using PurifierRental.ManagementCenterService.Application;
using InstallationProto = PurifierRental.Installation.V1;

/// <summary>
/// Calls installation's CancelInstallation through Dapr gRPC proxying (the generated client over
/// <c>DaprClient.CreateInvocationInvoker</c>): our sidecar applies the resiliency policies for the installation
/// app (timeouts, retries, circuit breaker) and our client deadline bounds the whole call. Every status other
/// than OK, FAILED_PRECONDITION and INVALID_ARGUMENT means "no answer yet": UNAVAILABLE (app or sidecar down),
/// DEADLINE_EXCEEDED, UNKNOWN ("circuit breaker is open", name resolution), INTERNAL from the sidecar, and the rest.
/// </summary>
internal sealed class DaprInstallationCanceller(InstallationProto.InstallationService.InstallationServiceClient installation, ManagementCenterOptions options)
    : IInstallationCanceller
{
    public async Task<InstallationCancelResult> CancelAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var request = new InstallationProto.CancelInstallationRequest { OrderId = orderId, Reason = reason };
            var response = await installation.CancelInstallationAsync(request,
                deadline: DateTime.UtcNow + options.CancelInstallationTimeout, cancellationToken: cancellationToken);
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
