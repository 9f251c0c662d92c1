using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using PurifierRental.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Dapr.Sidecar;

/// <summary>The methods of <c>dapr.proto.runtime.v1.Dapr</c> that our services call.</summary>
public static class DaprApi
{
    public static readonly ServiceDescriptor Service = DaprReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Dapr");

    public static readonly Method<GetStateRequest, GetStateResponse> GetState = Method<GetStateRequest, GetStateResponse>.From(Service, "GetState");
    public static readonly Method<GetBulkStateRequest, GetBulkStateResponse> GetBulkState = Method<GetBulkStateRequest, GetBulkStateResponse>.From(Service, "GetBulkState");
    public static readonly Method<SaveStateRequest, Empty> SaveState = Method<SaveStateRequest, Empty>.From(Service, "SaveState");
    public static readonly Method<DeleteStateRequest, Empty> DeleteState = Method<DeleteStateRequest, Empty>.From(Service, "DeleteState");
    public static readonly Method<ExecuteStateTransactionRequest, Empty> ExecuteStateTransaction = Method<ExecuteStateTransactionRequest, Empty>.From(Service, "ExecuteStateTransaction");
    public static readonly Method<QueryStateRequest, QueryStateResponse> QueryState = Method<QueryStateRequest, QueryStateResponse>.From(Service, "QueryStateAlpha1");
    public static readonly Method<PublishEventRequest, Empty> PublishEvent = Method<PublishEventRequest, Empty>.From(Service, "PublishEvent");
    public static readonly Method<GetMetadataRequest, GetMetadataResponse> GetMetadata = Method<GetMetadataRequest, GetMetadataResponse>.From(Service, "GetMetadata");
}
