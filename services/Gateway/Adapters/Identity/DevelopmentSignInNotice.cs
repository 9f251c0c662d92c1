using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>
/// On a local run (development key), says where the public API is and prints a staff token, so that the first
/// request needs nothing else; `rental login` makes tokens for the other roles.
/// </summary>
internal sealed class DevelopmentSignInNotice(SecurityKey key, GatewayListener listener, ILogger<DevelopmentSignInNotice> logger) : IHostedService
{
    public const string StaffSubject = "staff-1";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var token = DevelopmentTokens.Issue(key, StaffSubject, Role.Staff, Lifetime);
        logger.LogInformation(
            "Gateway: dashboard on http://127.0.0.1:{HttpPort}/dashboard/ (sign in with the token below), JSON on /api (OpenAPI: /openapi/v1.json), gRPC on 127.0.0.1:{GrpcPort}. "
            + "A staff token for {Hours} h: export RENTAL_TOKEN={Token} ; other roles: rental login --role customer|engineer|staff --subject <id>",
            listener.HttpPort, listener.GrpcPort, Lifetime.TotalHours, token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
