using Grpc.Core;
using PurifierRental.GatewayService.Domain;
using PurifierRental.ManagementCenter.V1;

namespace PurifierRental.GatewayService.Application;

/// <summary>The engineer roster and the assignments: staff only.</summary>
public sealed class BackOfficeDesk(ManagementCenterService.ManagementCenterServiceClient center)
{
    public async Task<RegisterEngineerResponse> RegisterEngineerAsync(Caller? caller, RegisterEngineerRequest request, CallOptions options)
    {
        AccessRules.BackOffice(caller);
        return await center.RegisterEngineerAsync(request, options);
    }

    public async Task<ListEngineersResponse> ListEngineersAsync(Caller? caller, ListEngineersRequest request, CallOptions options)
    {
        AccessRules.BackOffice(caller);
        return await center.ListEngineersAsync(request, options);
    }

    public async Task<GetAssignmentResponse> GetAssignmentAsync(Caller? caller, GetAssignmentRequest request, CallOptions options)
    {
        AccessRules.BackOffice(caller);
        return await center.GetAssignmentAsync(request, options);
    }

    public async Task<ListAssignmentsResponse> ListAssignmentsAsync(Caller? caller, ListAssignmentsRequest request, CallOptions options)
    {
        AccessRules.BackOffice(caller);
        return await center.ListAssignmentsAsync(request, options);
    }
}
