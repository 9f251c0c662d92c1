using Grpc.Core;
using Grpc.Health.V1;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Interop.Tests.Infrastructure;

namespace PurifierRental.Interop.Tests.Flows;

/// <summary>grpc.health.v1 as grpc-js loads it from the grpc-health-check package, asked of each app through the sidecar.</summary>
[Collection(InteropMeshCollection.Name)]
public class HealthTests(MeshFixture mesh)
{
    private readonly SidecarPeer _peer = new(mesh);

    [Theory]
    [InlineData("order")]
    [InlineData("managementcenter")]
    [InlineData("installation")]
    [InlineData("orderstatus")]
    public async Task Every_app_answers_SERVING_through_the_sidecar(string appId)
    {
        var outcome = await _peer.CallAsync(appId, SidecarPeer.Health, "Check", new HealthCheckRequest());

        Assert.Equal(StatusCode.OK, outcome.StatusCode);
        Assert.Equal("SERVING", (string?)Assert.Single(outcome.Responses)["status"]);
    }
}
