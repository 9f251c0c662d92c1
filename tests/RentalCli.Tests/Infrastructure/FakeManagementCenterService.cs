using Grpc.Core;
using PurifierRental.ManagementCenter.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The managementcenter app's API as the fake sidecar serves it: every call is recorded and answered by <see cref="FakeSidecar"/>.</summary>
internal sealed class FakeManagementCenterService(FakeSidecar sidecar) : ManagementCenterService.ManagementCenterServiceBase
{
    private const string App = "managementcenter";

    public override Task<RegisterEngineerResponse> RegisterEngineer(RegisterEngineerRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<RegisterEngineerResponse>(App, request, context);

    public override Task<ListEngineersResponse> ListEngineers(ListEngineersRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<ListEngineersResponse>(App, request, context);

    public override Task<GetAssignmentResponse> GetAssignment(GetAssignmentRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<GetAssignmentResponse>(App, request, context);
}
