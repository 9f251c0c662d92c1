using Grpc.Core;
using PurifierRental.GatewayService.Application;
using PurifierRental.ManagementCenter.V1;

namespace PurifierRental.GatewayService.Adapters.Grpc;

/// <summary>ManagementCenterService for programs: staff only.</summary>
public sealed class ManagementCenterGatewayApi(BackOfficeDesk desk) : ManagementCenterService.ManagementCenterServiceBase
{
    public override Task<RegisterEngineerResponse> RegisterEngineer(RegisterEngineerRequest request, ServerCallContext context) =>
        desk.RegisterEngineerAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<ListEngineersResponse> ListEngineers(ListEngineersRequest request, ServerCallContext context) =>
        desk.ListEngineersAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<GetAssignmentResponse> GetAssignment(GetAssignmentRequest request, ServerCallContext context) =>
        desk.GetAssignmentAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<ListAssignmentsResponse> ListAssignments(ListAssignmentsRequest request, ServerCallContext context) =>
        desk.ListAssignmentsAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));
}
