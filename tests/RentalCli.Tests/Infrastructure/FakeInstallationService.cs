using Grpc.Core;
using PurifierRental.Installation.V1;

namespace RentalCli.Tests.Infrastructure;

/// <summary>The installation app's API as the fake gateway serves it: every call is recorded and answered by <see cref="FakeGateway"/>.</summary>
internal sealed class FakeInstallationService(FakeGateway gateway) : InstallationService.InstallationServiceBase
{
    private const string App = "installation";

    public override Task<ListInstallationsResponse> ListInstallations(ListInstallationsRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<ListInstallationsResponse>(App, request, context);

    public override Task<CompleteInstallationResponse> CompleteInstallation(CompleteInstallationRequest request, ServerCallContext context) =>
        gateway.AnswerAsync<CompleteInstallationResponse>(App, request, context);
}
