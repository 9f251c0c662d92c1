using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Grpc.Client;
using PurifierRental.Grpc.Health;
using PurifierRental.Grpc.Tests.Infrastructure;
using PurifierRental.Grpc.Tests.Interop;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PurifierRental.Grpc.Tests.Health;

/// <summary>Watch follows status changes as they happen; Check answers NOT_FOUND for what the server does not know.</summary>
[Collection(OurServerCollection.Name)]
public sealed class HealthWatchTests(OurServerFixture server)
{
    private HealthStatusRegistry Registry => server.Services.GetRequiredService<HealthStatusRegistry>();

    [Fact]
    public async Task Watch_reports_unknown_then_every_change()
    {
        const string service = "watch.test.Service";
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var watch = channel.CreateCallInvoker().AsyncServerStreamingCall(HealthMethods.Watch,
            new HealthCheckRequest { Service = service }, new CallOptions(CancellationToken: cts.Token));

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(watch));
        Registry.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(watch));
        Registry.SetStatus(service, ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, await NextAsync(watch));
    }

    [Fact]
    public async Task Check_follows_the_registry()
    {
        const string service = "check.test.Service";
        using var channel = GrpcChannel.ForAddress(server.Address);
        var invoker = channel.CreateCallInvoker();

        var before = await Assert.ThrowsAsync<RpcException>(() =>
            invoker.AsyncUnaryCall(HealthMethods.Check, new HealthCheckRequest { Service = service }).ResponseAsync);
        Registry.SetStatus(service, ServingStatus.NotServing);
        var after = await invoker.AsyncUnaryCall(HealthMethods.Check, new HealthCheckRequest { Service = service });
        var fromGrpcJs = await GrpcJsClient.RunAsync(server.Address, "health-check", new() { Service = service });

        Assert.Equal(StatusCode.NotFound, before.StatusCode);
        Assert.Equal(ServingStatus.NotServing, after.Status);
        Assert.Equal("NOT_SERVING", fromGrpcJs.Responses.Single().Status);
    }

    private static async Task<ServingStatus> NextAsync(AsyncServerStreamingCall<HealthCheckResponse> watch)
    {
        Assert.True(await watch.ResponseStream.MoveNext());
        return watch.ResponseStream.Current.Status;
    }
}
