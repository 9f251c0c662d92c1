namespace PurifierRental.InstallationService.Adapters.Grpc;

using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;
using Proto = PurifierRental.Installation.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

public static class InstallationGrpcEndpoints
{
    private static readonly ServiceDescriptor Service =
        Proto.InstallationServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("InstallationService");

    /// <summary>Maps purifierrental.installation.v1.InstallationService.</summary>
    public static IEndpointRouteBuilder MapInstallationService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<InstallationGrpcService>(Service, service => service
            .Unary<Proto.ListInstallationsRequest, Proto.ListInstallationsResponse>("ListInstallations", static (s, request, context) => s.ListInstallations(request, context))
            .Unary<Proto.GetInstallationRequest, Proto.GetInstallationResponse>("GetInstallation", static (s, request, context) => s.GetInstallation(request, context))
            .Unary<Proto.CompleteInstallationRequest, Proto.CompleteInstallationResponse>("CompleteInstallation", static (s, request, context) => s.CompleteInstallation(request, context))
            .Unary<Proto.CancelInstallationRequest, Proto.CancelInstallationResponse>("CancelInstallation", static (s, request, context) => s.CancelInstallation(request, context)));
        return endpoints;
    }
}
