using Grpc.Core;
using PurifierRental.ManagementCenter.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The managementcenter app's API as the fake gateway serves it: every call is recorded and answered by <see cref="FakeGateway"/>.</summary>
internal sealed class FakeManagementCenterService(FakeGateway gateway) : ManagementCenterService.ManagementCenterServiceBase
{
    private const string App = "managementcenter";

    public override Task<RegisterEngineerResponse> RegisterEngineer(RegisterEngineerRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<RegisterEngineerResponse>(App, request, context);

    public override Task<ListEngineersResponse> ListEngineers(ListEngineersRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<ListEngineersResponse>(App, request, context);

    public override Task<GetAssignmentResponse> GetAssignment(GetAssignmentRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<GetAssignmentResponse>(App, request, context);
}
