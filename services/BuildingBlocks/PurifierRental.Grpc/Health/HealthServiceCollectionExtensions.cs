using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PurifierRental.Grpc.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Registers the health registry and service; the server reports NOT_SERVING as soon as shutdown begins.</summary>
    public static IServiceCollection AddGrpcHealth(this IServiceCollection services)
    {
        services.AddSingleton<HealthStatusRegistry>();
        services.AddSingleton<HealthService>();
        services.AddHostedService<HealthShutdownReporter>();
        return services;
    }

    private sealed class HealthShutdownReporter(HealthStatusRegistry registry, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(registry.SetAllNotServing);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
