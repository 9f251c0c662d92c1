namespace PurifierRental.ManagementCenterService.Adapters.Grpc;

using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;
using Proto = PurifierRental.ManagementCenter.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

public static class ManagementCenterGrpcEndpoints
{
    private static readonly ServiceDescriptor Service =
        Proto.ManagementCenterServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ManagementCenterService");

    /// <summary>Maps purifierrental.managementcenter.v1.ManagementCenterService.</summary>
    public static IEndpointRouteBuilder MapManagementCenterService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ManagementCenterGrpcService>(Service, service => service
            .Unary<Proto.RegisterEngineerRequest, Proto.RegisterEngineerResponse>("RegisterEngineer", static (s, request, context) => s.RegisterEngineer(request, context))
            .Unary<Proto.ListEngineersRequest, Proto.ListEngineersResponse>("ListEngineers", static (s, request, context) => s.ListEngineers(request, context))
            .Unary<Proto.GetAssignmentRequest, Proto.GetAssignmentResponse>("GetAssignment", static (s, request, context) => s.GetAssignment(request, context))
            .Unary<Proto.ListAssignmentsRequest, Proto.ListAssignmentsResponse>("ListAssignments", static (s, request, context) => s.ListAssignments(request, context)));
        return endpoints;
    }
}
