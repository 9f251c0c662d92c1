using System.Text.Json.Nodes;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>
/// gRPC server reflection (grpc.reflection.v1, as grpc-js loads it from @grpc/reflection) asked of each app through
/// the sidecar: a generic client can discover the whole API without the .proto files.
/// </summary>
[Collection(InteropMeshCollection.Name)]
public class ReflectionTests(MeshFixture mesh)
{
    private const string Reflection = "grpc.reflection.v1.ServerReflection";

    [Theory]
    [InlineData("order", "purifierrental.order.v1.OrderService")]
    [InlineData("managementcenter", "purifierrental.managementcenter.v1.ManagementCenterService")]
    [InlineData("installation", "purifierrental.installation.v1.InstallationService")]
    [InlineData("orderstatus", "purifierrental.orderstatus.v1.OrderStatusService")]
    public async Task Every_app_lists_its_services_through_the_sidecar(string appId, string api)
    {
        var outcome = await CallAsync(appId, new JsonObject { ["listServices"] = "*" });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        var services = Assert.Single(outcome.Responses)["listServicesResponse"]!["service"]!.AsArray()
            .Select(service => (string)service!["name"]!).ToList();
        Assert.Contains(api, services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task The_descriptor_of_a_listed_service_is_served_too()
    {
        var outcome = await CallAsync("order", new JsonObject { ["fileContainingSymbol"] = "purifierrental.order.v1.OrderService" });

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        var files = Assert.Single(outcome.Responses)["fileDescriptorResponse"]!["fileDescriptorProto"]!.AsArray();
        Assert.NotEmpty(files);
    }

    private Task<GrpcJsOutcome> CallAsync(string appId, JsonObject request) =>
        GrpcJsClient.CallAsync(new GrpcJsCall
        {
            Address = new SidecarPeer(mesh).Address,
            Service = Reflection,
            Method = "ServerReflectionInfo",
            Request = new JsonArray(request),
            Metadata = new Dictionary<string, string[]> { ["dapr-app-id"] = [appId] },
            DeadlineMs = 30_000,
        });
}
