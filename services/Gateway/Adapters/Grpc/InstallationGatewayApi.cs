using Grpc.Core;
using PurifierRental.GatewayService.Application;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Installation.V1;

namespace PurifierRental.GatewayService.Adapters.Grpc;

/// <summary>InstallationService for programs, under the role rules; CancelInstallation is the management center's alone.</summary>
public sealed class InstallationGatewayApi(WorkOrderDesk desk) : InstallationService.InstallationServiceBase
{
    public override Task<ListInstallationsResponse> ListInstallations(ListInstallationsRequest request, ServerCallContext context) =>
        desk.ListAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<GetInstallationResponse> GetInstallation(GetInstallationRequest request, ServerCallContext context) =>
        desk.GetAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<CompleteInstallationResponse> CompleteInstallation(CompleteInstallationRequest request, ServerCallContext context) =>
        desk.CompleteAsync(GrpcCalls.CallerOf(context), request, GrpcCalls.Onward(context));

    public override Task<CancelInstallationResponse> CancelInstallation(CancelInstallationRequest request, ServerCallContext context) =>
        throw AccessRules.CancelWorkOrder(GrpcCalls.CallerOf(context));
}
