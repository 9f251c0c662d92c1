using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace PurifierRental.ServiceDefaults.Tests.Api;

/// <summary>What a caller receives when a handler fails: the status it can act on, and nothing of the service's internals.</summary>
public sealed class ExceptionStatusInterceptorTests : IAsyncLifetime
{
    private InProcessGrpcHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessGrpcHost.StartAsync(
        services => services.AddGrpcApi().AddRefusal<KeyNotFoundException>(_ => StatusCode.NotFound),
        app => app.MapGrpcService<FailingHealth>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_invalid_request_is_INVALID_ARGUMENT_with_a_field_violation()
    {
        var error = await CallAsync("invalid");

        Assert.Equal((StatusCode.InvalidArgument, "order_id is required."), (error.StatusCode, error.Status.Detail));
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(("order_id", "order_id is required."), (violation.Field, violation.Description));
    }

    [Fact]
    public async Task A_domain_refusal_gets_the_status_its_rule_names_with_its_message()
    {
        var error = await CallAsync("refused");

        Assert.Equal((StatusCode.NotFound, "Order o-1 does not exist."), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task An_unreachable_store_is_UNAVAILABLE_without_naming_the_host()
    {
        var error = await CallAsync("store-down");

        Assert.Equal((StatusCode.Unavailable, ExceptionStatusInterceptor.UnavailableMessage), (error.StatusCode, error.Status.Detail));
    }

    [Theory]
    [InlineData("app-unknown")]
    [InlineData("breaker-open")]
    [InlineData("timeout")]
    [InlineData("inner-cancel")]
    [InlineData("connection-reset")]
    [InlineData("connection-refused")]
    [InlineData("socket")]
    public async Task A_fault_that_waiting_may_mend_is_UNAVAILABLE_never_UNKNOWN(string failure)
    {
        var error = await CallAsync(failure);

        Assert.Equal((StatusCode.Unavailable, ExceptionStatusInterceptor.UnavailableMessage), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task A_status_the_handler_raises_itself_stays_as_it_is()
    {
        var error = await CallAsync("not-found-downstream");

        Assert.Equal((StatusCode.NotFound, "Order 'o-1' is unknown here."), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task A_write_that_kept_losing_races_is_ABORTED()
    {
        var error = await CallAsync("race");

        Assert.Equal((StatusCode.Aborted, ExceptionStatusInterceptor.AbortedMessage), (error.StatusCode, error.Status.Detail));
    }

    [Theory]
    [InlineData("misconfigured")]
    [InlineData("bug")]
    public async Task A_misconfigured_sidecar_or_any_other_failure_is_INTERNAL_and_leaks_nothing(string failure)
    {
        var error = await CallAsync(failure);

        Assert.Equal((StatusCode.Internal, ExceptionStatusInterceptor.InternalMessage), (error.StatusCode, error.Status.Detail));
    }

    private async Task<RpcException> CallAsync(string failure) =>
        await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest { Service = failure }, InProcessGrpcHost.Deadline));
}
