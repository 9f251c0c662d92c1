using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Routing;
using PurifierRental.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace DevMesh.Sidecar.Api;

/// <summary>Binds the Dapr gRPC API methods DevMesh serves; the others answer UNIMPLEMENTED.</summary>
/// <summary>The parts of the API, as one service instance for binding.</summary>
internal sealed record DaprApi(DaprStateApi State, DaprPublishApi Publish, DaprMetadataApi Metadata);

internal static class DaprApiEndpoints
{
    private static readonly ServiceDescriptor Dapr = DaprReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Dapr");

    public static void MapDaprApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<DaprApi>(Dapr, service => service
            .Unary<GetStateRequest, GetStateResponse>("GetState", static (s, r, c) => s.State.GetState(r, c))
            .Unary<GetBulkStateRequest, GetBulkStateResponse>("GetBulkState", static (s, r, c) => s.State.GetBulkState(r, c))
            .Unary<SaveStateRequest, Empty>("SaveState", static (s, r, c) => s.State.SaveState(r, c))
            .Unary<DeleteStateRequest, Empty>("DeleteState", static (s, r, c) => s.State.DeleteState(r, c))
            .Unary<DeleteBulkStateRequest, Empty>("DeleteBulkState", static (s, r, c) => s.State.DeleteBulkState(r, c))
            .Unary<ExecuteStateTransactionRequest, Empty>("ExecuteStateTransaction", static (s, r, c) => s.State.ExecuteStateTransaction(r, c))
            .Unary<QueryStateRequest, QueryStateResponse>("QueryStateAlpha1", static (s, r, c) => s.State.QueryState(r, c))
            .Unary<PublishEventRequest, Empty>("PublishEvent", static (s, r, c) => s.Publish.PublishEvent(r, c))
            .Unary<GetMetadataRequest, GetMetadataResponse>("GetMetadata", static (s, r, c) => s.Metadata.GetMetadata(r, c)));
    }
}
