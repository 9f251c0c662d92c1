using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Grpc.Server;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="service"/> to a POST endpoint at <c>/package.Service/Method</c>.
    /// Methods left unbound answer UNIMPLEMENTED; so do paths of services the app does not host.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(
        this IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<ServiceBinder<TService>> bind)
        where TService : class
    {
        var options = endpoints.ServiceProvider.GetService<IOptions<GrpcServerOptions>>()?.Value ?? new GrpcServerOptions();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TService).FullName ?? typeof(TService).Name);
        var binder = new ServiceBinder<TService>(service, options, logger);
        bind(binder);
        var builders = binder.Handlers()
            .Select(handler => endpoints.Map(handler.Method, handler.HandleAsync).WithDisplayName($"gRPC {handler.Method}"))
            .ToList();
        MapUnknownServiceFallback(endpoints, options, logger);
        return new CompositeConventionBuilder(builders);
    }

    private static void MapUnknownServiceFallback(IEndpointRouteBuilder endpoints, GrpcServerOptions options, ILogger logger)
    {
        const string marker = "gRPC unknown service";
        if (endpoints.DataSources.SelectMany(s => s.Endpoints).Any(e => e.DisplayName == marker))
        {
            return;
        }
        endpoints.Map("/{service}/{method}", context =>
        {
            var path = context.Request.Path.Value ?? "";
            var handler = new UnimplementedCallHandler(path, $"Service or method '{path}' is not hosted by this server.", options, logger);
            return handler.HandleAsync(context);
        }).WithDisplayName(marker).Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
