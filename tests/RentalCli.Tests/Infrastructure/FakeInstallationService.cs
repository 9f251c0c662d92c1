using Grpc.Core;
using PurifierRental.Installation.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The installation app's API as the fake sidecar serves it: every call is recorded and answered by <see cref="FakeSidecar"/>.</summary>
internal sealed class FakeInstallationService(FakeSidecar sidecar) : InstallationService.InstallationServiceBase
{
    private const string App = "installation";

    public override Task<ListInstallationsResponse> ListInstallations(ListInstallationsRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<ListInstallationsResponse>(App, request, context);

    public override Task<CompleteInstallationResponse> CompleteInstallation(CompleteInstallationRequest request, ServerCallContext context) =>
        sidecar.AnswerAsync<CompleteInstallationResponse>(App, request, context);
}
