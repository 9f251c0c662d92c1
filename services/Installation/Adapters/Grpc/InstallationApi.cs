namespace PurifierRental.InstallationService.Adapters.Grpc;

using global::Grpc.Core;
using Microsoft.Extensions.Logging;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;
using PurifierRental.ServiceDefaults.Api;
using Proto = PurifierRental.Installation.V1;

/// <summary>
/// InstallationService: engineers list and complete their work orders; the management center cancels them
/// through Dapr service invocation. Domain refusals become NOT_FOUND, PERMISSION_DENIED or FAILED_PRECONDITION
/// (see <see cref="InstallationServiceRegistration"/>).
/// </summary>
internal sealed class InstallationApi(
    InstallationQueries queries, CompleteInstallation complete, CancelInstallation cancel, ILogger<InstallationApi> logger)
    : Proto.InstallationService.InstallationServiceBase
{
    public override async Task<Proto.ListInstallationsResponse> ListInstallations(Proto.ListInstallationsRequest request, ServerCallContext context)
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
        var after = IndexPageToken.Decode(request.PageToken);
        var page = await queries.ListAsync(engineerId, status, pageSize, after, context.CancellationToken);
        var response = new Proto.ListInstallationsResponse { NextPageToken = IndexPageToken.Encode(page.Next) };
        response.Installations.AddRange(page.Items.Select(i => i.ToProto()));
        return Paging.WithinLimit(response);
    }

    public override async Task<Proto.GetInstallationResponse> GetInstallation(Proto.GetInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var installation = await queries.GetAsync(orderId, context.CancellationToken);
        return new Proto.GetInstallationResponse { Installation = installation.ToProto() };
    }

    public override async Task<Proto.CompleteInstallationResponse> CompleteInstallation(Proto.CompleteInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        var engineerId = RequestValidation.RequireId(request.EngineerId, "engineer_id");
        using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
        var installation = await complete.HandleAsync(orderId, engineerId, context.CancellationToken);
        return new Proto.CompleteInstallationResponse { Installation = installation.ToProto() };
    }

    public override async Task<Proto.CancelInstallationResponse> CancelInstallation(Proto.CancelInstallationRequest request, ServerCallContext context)
    {
        var orderId = RequestValidation.RequireId(request.OrderId, "order_id");
        using var scope = logger.BeginScope("OrderId:{OrderId}", orderId);
        var installation = await cancel.HandleAsync(orderId, request.Reason, context.CancellationToken);
        return new Proto.CancelInstallationResponse { Installation = installation.ToProto() };
    }
}
