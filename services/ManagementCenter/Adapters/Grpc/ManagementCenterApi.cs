namespace PurifierRental.ManagementCenterService.Adapters.Grpc;

using global::Grpc.Core;
using Microsoft.Extensions.Logging;
using PurifierRental.ManagementCenterService.Application;
using PurifierRental.ManagementCenterService.Domain;
using PurifierRental.ServiceDefaults.Api;
using Proto = PurifierRental.ManagementCenter.V1;

/// <summary>
/// ManagementCenterService: staff keep the roster and follow the routing of orders. Bad fields are
/// INVALID_ARGUMENT naming the field; an order the center has not seen is NOT_FOUND.
/// </summary>
internal sealed class ManagementCenterApi(RegisterEngineer register, ManagementQueries queries, ILogger<ManagementCenterApi> logger)
    : Proto.ManagementCenterService.ManagementCenterServiceBase
{
    public override async Task<Proto.RegisterEngineerResponse> RegisterEngineer(Proto.RegisterEngineerRequest request, ServerCallContext context)
    {
        var engineerId = request.EngineerId.Length > 0 ? request.EngineerId : "eng-" + Guid.NewGuid().ToString("N");
        var profile = EngineerProfile.Create(engineerId, request.Name, request.Phone, request.Region);
        using var scope = logger.BeginScope("EngineerId:{EngineerId}", profile.EngineerId);
        var engineer = await register.HandleAsync(profile, context.CancellationToken);
        return new Proto.RegisterEngineerResponse { Engineer = engineer.ToProto() };
    }

    public override async Task<Proto.ListEngineersResponse> ListEngineers(Proto.ListEngineersRequest request, ServerCallContext context)
    {
        var region = OptionalFilter(request.Region, "region");
        var pageSize = Paging.Size(request.PageSize);
        var after = Paging.Decode(request.PageToken, 2) is { } key ? new EngineerCursor(key[0], key[1]) : null;
        var page = await queries.ListEngineersAsync(region, pageSize, after, context.CancellationToken);
        var response = new Proto.ListEngineersResponse { NextPageToken = page.Next is { } next ? Paging.Encode(next.Region, next.EngineerId) : "" };
        response.Engineers.AddRange(page.Items.Select(e => e.ToProto()));
        return Paging.WithinLimit(response);
    }

    public override async Task<Proto.GetAssignmentResponse> GetAssignment(Proto.GetAssignmentRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var assignment = await queries.GetAssignmentAsync(orderId, context.CancellationToken);
        return new Proto.GetAssignmentResponse { Assignment = assignment.ToProto() };
    }

    public override async Task<Proto.ListAssignmentsResponse> ListAssignments(Proto.ListAssignmentsRequest request, ServerCallContext context)
    {
        var status = RequestValidation.DefinedEnum(request.Status, "status") switch
        {
            Proto.AssignmentStatus.Pending => AssignmentStatus.Pending,
            Proto.AssignmentStatus.Assigned => AssignmentStatus.Assigned,
            Proto.AssignmentStatus.Cancelling => AssignmentStatus.Cancelling,
            Proto.AssignmentStatus.Cancelled => AssignmentStatus.Cancelled,
            Proto.AssignmentStatus.Completed => AssignmentStatus.Completed,
            _ => (AssignmentStatus?)null,
        };
        var filter = new AssignmentFilter(OptionalFilter(request.Region, "region"), OptionalFilter(request.EngineerId, "engineer_id"), status);
        var pageSize = Paging.Size(request.PageSize);
        var after = IndexPageToken.Decode(request.PageToken);
        var page = await queries.ListAssignmentsAsync(filter, pageSize, after, context.CancellationToken);
        var response = new Proto.ListAssignmentsResponse { NextPageToken = IndexPageToken.Encode(page.Next) };
        response.Assignments.AddRange(page.Items.Select(a => a.ToProto()));
        return Paging.WithinLimit(response);
    }

    private static string? OptionalFilter(string value, string field) =>
        value.Length == 0 ? null : RequestValidation.RequireId(value, field);
}
