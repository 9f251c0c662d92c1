using Microsoft.Extensions.DependencyInjection;

namespace PurifierRental.Grpc.Server;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the options every mapped gRPC service uses.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var builder = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        return services;
    }
}
