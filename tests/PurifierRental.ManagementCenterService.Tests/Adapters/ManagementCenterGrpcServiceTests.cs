namespace PurifierRental.ManagementCenterService.Tests.Adapters;

using global::Grpc.Core;
using Google.Rpc;
using PurifierRental.ManagementCenterService.Tests.Support;
using PurifierRental.Testing;
using Proto = PurifierRental.ManagementCenter.V1;

public sealed class ManagementCenterGrpcServiceTests : IAsyncLifetime
{
    private static readonly Rpc<Proto.RegisterEngineerRequest, Proto.RegisterEngineerResponse> Register = (c, r, o) => c.RegisterEngineerAsync(r, o);
    private static readonly Rpc<Proto.ListEngineersRequest, Proto.ListEngineersResponse> ListEngineers = (c, r, o) => c.ListEngineersAsync(r, o);
    private static readonly Rpc<Proto.GetAssignmentRequest, Proto.GetAssignmentResponse> GetAssignment = (c, r, o) => c.GetAssignmentAsync(r, o);
    private static readonly Rpc<Proto.ListAssignmentsRequest, Proto.ListAssignmentsResponse> ListAssignments = (c, r, o) => c.ListAssignmentsAsync(r, o);

    private readonly CenterFixture _f = new();
    private InProcessGrpcHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagementCenterHost.StartAsync(_f);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>One method of the generated client.</summary>
    private delegate AsyncUnaryCall<TResponse> Rpc<TRequest, TResponse>(Proto.ManagementCenterService.ManagementCenterServiceClient client, TRequest request, CallOptions options);

    private Task<TResponse> Call<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request) =>
        method(new Proto.ManagementCenterService.ManagementCenterServiceClient(_host.Channel), request, InProcessGrpcHost.Deadline).ResponseAsync;

    private async Task<RpcException> Refused<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => Call(method, request));

    private static Proto.RegisterEngineerRequest Engineer(string id, string region = "seoul") =>
        new() { EngineerId = id, Name = "Kim Minjun", Phone = "010-1234-5678", Region = region };

    [Fact]
    public async Task RegisterEngineer_generates_an_id_when_none_is_given()
    {
        var response = await Call(Register, Engineer(""));

        Assert.StartsWith("eng-", response.Engineer.EngineerId);
        Assert.Equal(("seoul", 0), (response.Engineer.Region, response.Engineer.ActiveAssignments));
        Assert.NotNull(response.Engineer.RegisteredAt);
    }

    [Fact]
    public async Task RegisterEngineer_again_updates_the_engineer()
    {
        await Call(Register, Engineer("eng-1"));

        var updated = await Call(Register, new Proto.RegisterEngineerRequest { EngineerId = "eng-1", Name = "Kim Renamed", Phone = "010-9999-8888", Region = "seoul" });
        var listed = await Call(ListEngineers, new Proto.ListEngineersRequest { Region = "seoul" });

        Assert.Equal("Kim Renamed", updated.Engineer.Name);
        Assert.Equal(updated.Engineer, Assert.Single(listed.Engineers));
    }

    [Theory]
    [InlineData("", "010-1234-5678", "seoul", "name is required.")]
    [InlineData("Kim", "", "seoul", "phone is required.")]
    [InlineData("Kim", "not a phone", "seoul", "phone must be")]
    [InlineData("Kim", "010-1234-5678", "", "region is required.")]
    public async Task RegisterEngineer_with_a_bad_field_is_INVALID_ARGUMENT_naming_it(string name, string phone, string region, string message)
    {
        var error = await Refused(Register, new Proto.RegisterEngineerRequest { Name = name, Phone = phone, Region = region });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal(message.Split(' ')[0], violation.Field);
    }

    [Fact]
    public async Task RegisterEngineer_with_a_malformed_id_is_INVALID_ARGUMENT()
    {
        var error = await Refused(Register, Engineer("eng 1"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("engineer_id", error.Status.Detail);
    }

    [Fact]
    public async Task GetAssignment_returns_the_routing_with_the_engineer()
    {
        await Call(Register, Engineer("eng-1"));
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        var assignment = (await Call(GetAssignment, new Proto.GetAssignmentRequest { OrderId = "o-1" })).Assignment;

        Assert.Equal((Proto.AssignmentStatus.Assigned, "eng-1", "seoul"), (assignment.Status, assignment.Engineer.EngineerId, assignment.Region));
        Assert.Equal(("Hong Gildong", "2026-12-01"), (assignment.Customer.Name, assignment.PreferredInstallationDate));
        Assert.NotNull(assignment.AssignedAt);
    }

    [Fact]
    public async Task GetAssignment_of_an_unknown_order_is_NOT_FOUND_and_without_id_INVALID_ARGUMENT()
    {
        var unknown = await Refused(GetAssignment, new Proto.GetAssignmentRequest { OrderId = "nope" });
        var missing = await Refused(GetAssignment, new Proto.GetAssignmentRequest());

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nope", unknown.Status.Detail);
        Assert.Equal((StatusCode.InvalidArgument, "order_id is required."), (missing.StatusCode, missing.Status.Detail));
    }

    [Fact]
    public async Task ListEngineers_pages_with_tokens_and_counts_active_assignments()
    {
        await Call(Register, Engineer("eng-2"));
        await Call(Register, Engineer("eng-1"));
        await Call(Register, Engineer("eng-3", "busan"));
        await _f.Assign.HandleAsync(CenterFixture.Order("o-1"), default);

        var first = await Call(ListEngineers, new Proto.ListEngineersRequest { PageSize = 2 });
        var second = await Call(ListEngineers, new Proto.ListEngineersRequest { PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["eng-3", "eng-1"], first.Engineers.Select(e => e.EngineerId));
        Assert.Equal(["eng-2"], second.Engineers.Select(e => e.EngineerId));
        Assert.Equal(1, first.Engineers[1].ActiveAssignments);
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task ListAssignments_filters_and_pages()
    {
        await Call(Register, Engineer("eng-1"));
        for (var i = 1; i <= 3; i++)
        {
            _f.Clock.Advance(TimeSpan.FromMinutes(1));
            await _f.Assign.HandleAsync(CenterFixture.Order($"o-{i}"), default);
        }
        await _f.Assign.HandleAsync(CenterFixture.Order("o-jeju", "jeju"), default);

        var first = await Call(ListAssignments, new Proto.ListAssignmentsRequest { Region = "seoul", PageSize = 2 });
        var second = await Call(ListAssignments, new Proto.ListAssignmentsRequest { Region = "seoul", PageSize = 2, PageToken = first.NextPageToken });
        var pending = await Call(ListAssignments, new Proto.ListAssignmentsRequest { Region = "jeju", Status = Proto.AssignmentStatus.Pending });
        var ofEngineer = await Call(ListAssignments, new Proto.ListAssignmentsRequest { Region = "seoul", EngineerId = "eng-1" });

        Assert.Equal(["o-3", "o-2"], first.Assignments.Select(a => a.OrderId));
        Assert.Equal(["o-1"], second.Assignments.Select(a => a.OrderId));
        Assert.Equal(["o-jeju"], pending.Assignments.Select(a => a.OrderId));
        Assert.Equal(3, ofEngineer.Assignments.Count);
    }

    [Fact]
    public async Task Lists_with_bad_paging_or_status_are_INVALID_ARGUMENT()
    {
        var negative = await Refused(ListEngineers, new Proto.ListEngineersRequest { PageSize = -5 });
        var token = await Refused(ListAssignments, new Proto.ListAssignmentsRequest { PageToken = "garbage!" });
        var status = await Refused(ListAssignments, new Proto.ListAssignmentsRequest { Status = (Proto.AssignmentStatus)99 });

        Assert.All([negative, token, status], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("page_token", token.Status.Detail);
    }
}
