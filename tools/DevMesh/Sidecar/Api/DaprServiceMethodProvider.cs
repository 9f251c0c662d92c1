using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace DevMesh.Sidecar.Api;

/// <summary>
/// Binds the Dapr API methods DevMesh serves to Grpc.AspNetCore, through its documented extension point.
/// Dapr.Protos ships the messages and the service descriptor of <c>dapr.proto.runtime.v1.Dapr</c> but only a client,
/// so each method is a <see cref="ProtoMethod"/>: the wire names are Dapr's own, with no copy of its protos. Methods not bound here answer UNIMPLEMENTED, as daprd
/// does for what it does not support.
/// </summary>
internal sealed class DaprServiceMethodProvider : IServiceMethodProvider<DaprApi>
{
    public static ServiceDescriptor Service => Dapr.Client.Autogen.Grpc.v1.Dapr.Descriptor;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprApi> context)
    {
        Unary<GetStateRequest, GetStateResponse>(context, "GetState", static (s, r, c) => s.State.GetState(r, c));
        Unary<GetBulkStateRequest, GetBulkStateResponse>(context, "GetBulkState", static (s, r, c) => s.State.GetBulkState(r, c));
        Unary<SaveStateRequest, Empty>(context, "SaveState", static (s, r, c) => s.State.SaveState(r, c));
        Unary<DeleteStateRequest, Empty>(context, "DeleteState", static (s, r, c) => s.State.DeleteState(r, c));
        Unary<DeleteBulkStateRequest, Empty>(context, "DeleteBulkState", static (s, r, c) => s.State.DeleteBulkState(r, c));
        Unary<ExecuteStateTransactionRequest, Empty>(context, "ExecuteStateTransaction", static (s, r, c) => s.State.ExecuteStateTransaction(r, c));
        Unary<QueryStateRequest, QueryStateResponse>(context, "QueryStateAlpha1", static (s, r, c) => s.State.QueryState(r, c));
        Unary<PublishEventRequest, Empty>(context, "PublishEvent", static (s, r, c) => s.Publish.PublishEvent(r, c));
        // daprd serves bulk publishing under both names; the SDK picks the newest one reflection lists.
        Unary<BulkPublishRequest, BulkPublishResponse>(context, "BulkPublishEvent", static (s, r, c) => s.Publish.BulkPublishEvent(r, c));
        Unary<BulkPublishRequest, BulkPublishResponse>(context, "BulkPublishEventAlpha1", static (s, r, c) => s.Publish.BulkPublishEvent(r, c));
        Unary<InvokeServiceRequest, InvokeResponse>(context, "InvokeService", static (s, r, c) => s.Invocation.InvokeService(r, c));
        Unary<GetMetadataRequest, GetMetadataResponse>(context, "GetMetadata", static (s, r, c) => s.Metadata.GetMetadata(r, c));
    }

    private static void Unary<TRequest, TResponse>(ServiceMethodProviderContext<DaprApi> context, string name,
        UnaryServerMethod<DaprApi, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        context.AddUnaryMethod(ProtoMethod.Unary<TRequest, TResponse>(Service, name), [], handler);
}
