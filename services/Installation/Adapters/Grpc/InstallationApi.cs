namespace PurifierRental.InstallationService.Adapters.Grpc;

using Microsoft.Extensions.Logging;
using PurifierRental.Grpc;
using PurifierRental.Grpc.Api;
using PurifierRental.Grpc.Server;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using Proto = PurifierRental.Installation.V1;

/// <summary>
/// InstallationService: engineers list and complete their work orders; the management center cancels them
/// through Dapr service invocation. Domain refusals become NOT_FOUND, PERMISSION_DENIED or FAILED_PRECONDITION.
/// </summary>
internal sealed class InstallationGrpcService(
    InstallationQueries queries, CompleteInstallation complete, CancelInstallation cancel, ILogger<InstallationGrpcService> logger)
{
    public async Task<Proto.ListInstallationsResponse> ListInstallations(Proto.ListInstallationsRequest request, ServerCallContext context)
    {
        var engineerId = RequestValidation.RequireId(request.EngineerId, "engineer_id");
        var status = RequestValidation.DefinedEnum(request.Status, "status") switch
        {
            Proto.InstallationStatus.Scheduled => InstallationStatus.Scheduled,
            Proto.InstallationStatus.Completed => InstallationStatus.Completed,
            Proto.InstallationStatus.Cancelled => InstallationStatus.Cancelled,
            _ => (InstallationStatus?)null,
        };
        var pageSize = Paging.Size(request.PageSize);
        var after = Paging.Decode(request.PageToken, 2) is { } key ? new InstallationCursor(key[0], key[1]) : null;
        var page = await queries.ListAsync(engineerId, status, pageSize, after, context.CancellationToken);
        var response = new Proto.ListInstallationsResponse
        {
            NextPageToken = page.Next is { } next ? Paging.Encode(next.ScheduledDate, next.OrderId) : "",
        };
        response.Installations.AddRange(page.Installations.Select(i => i.ToProto()));
        return response;
    }

    public async Task<Proto.GetInstallationResponse> GetInstallation(Proto.GetInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var installation = await Refusals(() => queries.GetAsync(orderId, context.CancellationToken));
        return new Proto.GetInstallationResponse { Installation = installation.ToProto() };
    }

    public async Task<Proto.CompleteInstallationResponse> CompleteInstallation(Proto.CompleteInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var engineerId = RequestValidation.RequireId(request.EngineerId, "engineer_id");
        using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
        var installation = await Refusals(() => complete.HandleAsync(orderId, engineerId, context.CancellationToken));
        return new Proto.CompleteInstallationResponse { Installation = installation.ToProto() };
    }

    public async Task<Proto.CancelInstallationResponse> CancelInstallation(Proto.CancelInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
        var installation = await Refusals(() => cancel.HandleAsync(orderId, request.Reason, context.CancellationToken));
        return new Proto.CancelInstallationResponse { Installation = installation.ToProto() };
    }

    private async Task<T> Refusals<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (InstallationException e)
        {
            var code = e switch
            {
                InstallationNotFoundException => StatusCode.NotFound,
                NotAssignedEngineerException => StatusCode.PermissionDenied,
                _ => StatusCode.FailedPrecondition,
            };
            logger.LogInformation("Refused: {Reason}", e.Message);
            throw new RpcException(code, e.Message);
        }
    }
}
