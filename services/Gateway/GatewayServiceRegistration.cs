using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.GatewayService.Adapters;
using PurifierRental.GatewayService.Adapters.Dapr;
using PurifierRental.GatewayService.Adapters.Dashboard;
using PurifierRental.GatewayService.Adapters.Grpc;
using PurifierRental.GatewayService.Adapters.Http;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Adapters.Limits;
using PurifierRental.GatewayService.Application;
using PurifierRental.GatewayService.Domain;
using PurifierRental.ServiceDefaults.Api;

namespace PurifierRental.GatewayService;

public static class GatewayServiceRegistration
{
    /// <summary>The public listeners and limits, bearer authentication, the desks and the services' clients.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var listener = builder.Configuration.GetSection(GatewayListener.Section).Get<GatewayListener>() ?? new GatewayListener();
        var limits = builder.Configuration.GetSection(GatewayLimits.Section).Get<GatewayLimits>() ?? new GatewayLimits();
        var apps = builder.Configuration.GetSection(ServiceAppIds.Section).Get<ServiceAppIds>() ?? new ServiceAppIds();
        builder.WebHost.ConfigureKestrel(listener.Configure);
        builder.Services.AddSingleton(limits);
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.MaxReceiveMessageSize = limits.MaxRequestBytes);
        builder.AddGatewayAuthentication(listener);
        builder.Services.AddCallerRateLimiting(limits);
        builder.Services.AddRefusal<AccessRefusedException>(e => e.Refusal == AccessRefusal.NotSignedIn ? StatusCode.Unauthenticated : StatusCode.PermissionDenied);
        builder.Services.AddOpenApi();
        builder.Services.AddServiceClients(apps);
        builder.Services.AddSingleton<OrderDesk>().AddSingleton<ProgressDesk>().AddSingleton<WorkOrderDesk>().AddSingleton<BackOfficeDesk>();
        return builder;
    }

    /// <summary>
    /// The size limit of a JSON request, then who calls, then whether they are over their limit: the rate limiter
    /// partitions by the authenticated caller.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseMiddleware<RequestSizeLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The public API: JSON under /api with its OpenAPI document at /openapi/v1.json, and the services' gRPC
    /// contracts. The framework lets every caller in; the role rules in each call decide, with a plain message.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous().RequireRateLimiting(CallerRateLimiting.PolicyName);
        app.MapGatewayHttpApi().AllowAnonymous().RequireRateLimiting(CallerRateLimiting.PolicyName);
        Public(app.MapGrpcService<OrderGatewayApi>());
        Public(app.MapGrpcService<OrderStatusGatewayApi>());
        Public(app.MapGrpcService<InstallationGatewayApi>());
        Public(app.MapGrpcService<ManagementCenterGatewayApi>());
        app.MapDashboard();
        return app;
    }

    private static void Public(IEndpointConventionBuilder endpoints) =>
        endpoints.AllowAnonymous().RequireRateLimiting(CallerRateLimiting.PolicyName);
}
