namespace PurifierRental.InstallationService.Tests.Adapters;

using Google.Rpc;
using Grpc.Core;
using PurifierRental.InstallationService.Tests.Support;
using PurifierRental.Testing;
using Proto = PurifierRental.Installation.V1;

public sealed class InstallationGrpcServiceTests : IAsyncLifetime
{
    private static readonly Rpc<Proto.ListInstallationsRequest, Proto.ListInstallationsResponse> List = (c, r, o) => c.ListInstallationsAsync(r, o);
    private static readonly Rpc<Proto.GetInstallationRequest, Proto.GetInstallationResponse> Get = (c, r, o) => c.GetInstallationAsync(r, o);
    private static readonly Rpc<Proto.CompleteInstallationRequest, Proto.CompleteInstallationResponse> Complete = (c, r, o) => c.CompleteInstallationAsync(r, o);
    private static readonly Rpc<Proto.CancelInstallationRequest, Proto.CancelInstallationResponse> Cancel = (c, r, o) => c.CancelInstallationAsync(r, o);

    private readonly InstallationFixture _f = new();
    private InProcessGrpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await InstallationHost.StartAsync(_f);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-1"), default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>One method of the generated client.</summary>
    private delegate AsyncUnaryCall<TResponse> Rpc<TRequest, TResponse>(Proto.InstallationService.InstallationServiceClient client, TRequest request, CallOptions options);

    private Task<TResponse> Call<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request) =>
        method(new Proto.InstallationService.InstallationServiceClient(_host.Channel), request, InProcessGrpcHost.Deadline).ResponseAsync;

    private async Task<RpcException> Refused<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => Call(method, request));

    [Fact]
    public async Task GetInstallation_returns_the_work_order_with_its_details()
    {
        var response = await Call(Get, new Proto.GetInstallationRequest { OrderId = "o-1" });

        var installation = response.Installation;
        Assert.Equal(Proto.InstallationStatus.Scheduled, installation.Status);
        Assert.Equal(("eng-seoul-1", "2026-12-01", "PURI-100"), (installation.Engineer.EngineerId, installation.ScheduledDate, installation.ProductCode));
        Assert.Equal("Hong Gildong", installation.Customer.Name);
        Assert.NotNull(installation.ScheduledAt);
    }

    [Fact]
    public async Task GetInstallation_of_an_unknown_order_is_NOT_FOUND()
    {
        var error = await Refused(Get, new Proto.GetInstallationRequest { OrderId = "nope" });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("nope", error.Status.Detail);
    }

    [Fact]
    public async Task An_empty_order_id_is_INVALID_ARGUMENT_with_a_field_violation()
    {
        var error = await Refused(Get, new Proto.GetInstallationRequest());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("order_id is required.", error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(("order_id", "order_id is required."), (violation.Field, violation.Description));
    }

    [Fact]
    public async Task CompleteInstallation_by_the_assigned_engineer_returns_it_completed_and_is_idempotent()
    {
        var request = new Proto.CompleteInstallationRequest { OrderId = "o-1", EngineerId = "eng-seoul-1" };

        var first = await Call(Complete, request);
        var second = await Call(Complete, request);

        Assert.Equal(Proto.InstallationStatus.Completed, first.Installation.Status);
        Assert.Equal(first.Installation, second.Installation);
    }

    [Fact]
    public async Task CompleteInstallation_by_another_engineer_is_PERMISSION_DENIED()
    {
        var error = await Refused(Complete, new Proto.CompleteInstallationRequest { OrderId = "o-1", EngineerId = "eng-seoul-2" });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("not the engineer assigned", error.Status.Detail);
    }

    [Fact]
    public async Task CompleteInstallation_of_a_cancelled_work_order_is_FAILED_PRECONDITION()
    {
        await Call(Cancel, new Proto.CancelInstallationRequest { OrderId = "o-1", Reason = "moved" });

        var error = await Refused(Complete, new Proto.CompleteInstallationRequest { OrderId = "o-1", EngineerId = "eng-seoul-1" });

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task CompleteInstallation_without_engineer_is_INVALID_ARGUMENT_and_of_an_unknown_order_NOT_FOUND()
    {
        var missing = await Refused(Complete, new Proto.CompleteInstallationRequest { OrderId = "o-1" });
        var unknown = await Refused(Complete, new Proto.CompleteInstallationRequest { OrderId = "nope", EngineerId = "eng-seoul-1" });

        Assert.Equal((StatusCode.InvalidArgument, "engineer_id is required."), (missing.StatusCode, missing.Status.Detail));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task CancelInstallation_of_an_unknown_order_leaves_a_cancelled_record()
    {
        var response = await Call(Cancel, new Proto.CancelInstallationRequest { OrderId = "o-new", Reason = "changed my mind" });

        Assert.Equal(Proto.InstallationStatus.Cancelled, response.Installation.Status);
        Assert.Null(response.Installation.Engineer);
        Assert.Equal("changed my mind", response.Installation.CancelReason);
    }

    [Fact]
    public async Task CancelInstallation_of_a_completed_work_order_is_FAILED_PRECONDITION()
    {
        await Call(Complete, new Proto.CompleteInstallationRequest { OrderId = "o-1", EngineerId = "eng-seoul-1" });

        var error = await Refused(Cancel, new Proto.CancelInstallationRequest { OrderId = "o-1", Reason = "too late" });

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("already completed", error.Status.Detail);
    }

    [Fact]
    public async Task ListInstallations_pages_with_tokens_and_filters_by_status()
    {
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-2", date: "2026-12-02"), default);
        await _f.Schedule.HandleAsync(InstallationFixture.WorkOrder("o-3", date: "2026-12-03"), default);

        var first = await Call(List, new Proto.ListInstallationsRequest { EngineerId = "eng-seoul-1", PageSize = 2 });
        var second = await Call(List, new Proto.ListInstallationsRequest { EngineerId = "eng-seoul-1", PageSize = 2, PageToken = first.NextPageToken });
        var cancelled = await Call(List, new Proto.ListInstallationsRequest { EngineerId = "eng-seoul-1", Status = Proto.InstallationStatus.Cancelled });

        Assert.Equal(["o-3", "o-2"], first.Installations.Select(i => i.OrderId));
        Assert.Equal(["o-1"], second.Installations.Select(i => i.OrderId));
        Assert.Equal("", second.NextPageToken);
        Assert.Empty(cancelled.Installations);
    }

    [Theory]
    [InlineData("", 0, "", "engineer_id is required.")]
    [InlineData("eng-seoul-1", -1, "", "page_size must not be negative.")]
    [InlineData("eng-seoul-1", 0, "not-a-token", "page_token is not a token")]
    public async Task ListInstallations_with_bad_input_is_INVALID_ARGUMENT(string engineerId, int pageSize, string token, string message)
    {
        var error = await Refused(List, new Proto.ListInstallationsRequest { EngineerId = engineerId, PageSize = pageSize, PageToken = token });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail);
    }

    [Fact]
    public async Task ListInstallations_with_an_unknown_status_is_INVALID_ARGUMENT()
    {
        var error = await Refused(List, new Proto.ListInstallationsRequest { EngineerId = "eng-seoul-1", Status = (Proto.InstallationStatus)42 });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
