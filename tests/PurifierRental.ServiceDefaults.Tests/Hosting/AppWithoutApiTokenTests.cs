using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PurifierRental.ServiceDefaults.Hosting;
using PurifierRental.Testing;

namespace PurifierRental.ServiceDefaults.Tests.Hosting;

/// <summary>
/// Without <c>APP_API_TOKEN</c> (a local mesh) there is nothing to check: no authentication is registered, so no
/// call runs it, and a call with any <c>dapr-api-token</c> or none reaches the app.
/// </summary>
public sealed class AppWithoutApiTokenTests
{
    [Fact]
    public void No_authentication_is_registered()
    {
        var services = new ServiceCollection().AddAppApiToken(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, service => service.ServiceType == typeof(IAuthenticationSchemeProvider));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("anything")]
    public async Task A_call_reaches_the_app_whatever_token_it_carries(string? token)
    {
        await using var host = await InProcessGrpcHost.StartAsync(
            services => services.AddGrpcApi().AddAppApiToken(new ConfigurationBuilder().Build())
                .AddGrpcHealthChecks().AddCheck("serving", () => HealthCheckResult.Healthy()),
            app => app.MapGrpcHealthChecksService());
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("dapr-api-token", token);
        }

        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest(), InProcessGrpcHost.Deadline.WithHeaders(headers));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
