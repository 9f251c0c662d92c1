using Grpc.Core;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Installation.V1;

namespace PurifierRental.GatewayService.Application;

/// <summary>Engineers' work orders: an engineer's own, or any for staff.</summary>
public sealed class WorkOrderDesk(InstallationService.InstallationServiceClient installations)
{
    public async Task<ListInstallationsResponse> ListAsync(Caller? caller, ListInstallationsRequest request, CallOptions options)
    {
        request.EngineerId = AccessRules.WorkOrdersOf(caller, request.EngineerId);
        return await installations.ListInstallationsAsync(request, options);
    }

    public async Task<GetInstallationResponse> GetAsync(Caller? caller, GetInstallationRequest request, CallOptions options)
    {
        AccessRules.SignedIn(caller);
        var response = await installations.GetInstallationAsync(request, options);
        AccessRules.SeeWorkOrder(caller, AssignedEngineer(response.Installation));
        return response;
    }

    public async Task<CompleteInstallationResponse> CompleteAsync(Caller? caller, CompleteInstallationRequest request, CallOptions options)
    {
        AccessRules.SignedIn(caller);
        var current = await installations.GetInstallationAsync(new GetInstallationRequest { OrderId = request.OrderId }, options);
        request.EngineerId = AccessRules.CompleteWorkOrder(caller, request.EngineerId, AssignedEngineer(current.Installation));
        return await installations.CompleteInstallationAsync(request, options);
    }

    private static string AssignedEngineer(Installation.V1.Installation? installation) => installation?.Engineer?.EngineerId ?? "";
}
