using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.ServiceDefaults.Hosting;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.ServiceDefaults;

/// <summary>
/// What every PurifierRental service shares as a Dapr app, added by one call in its Program.cs: gRPC on
/// <c>APP_PORT</c> (h2c, loopback unless <c>APP_LISTEN_ADDRESS</c> says otherwise), one-line logs with scopes,
/// <see cref="global::Dapr.Client.DaprClient"/> from Dapr's variables (<c>DAPR_GRPC_ENDPOINT</c>/<c>DAPR_GRPC_PORT</c>,
/// <c>DAPR_HTTP_ENDPOINT</c>/<c>DAPR_HTTP_PORT</c>, <c>DAPR_API_TOKEN</c>), the app API token check, health that
/// waits for the sidecar, the interceptor that answers failures with statuses, traces and metrics to an
/// OpenTelemetry collector when one is configured, and a shutdown that drains in-flight calls.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The app id when <c>APP_ID</c> is not set (the Kubernetes injector does not set it).</summary>
    public const string AppIdSetting = "APP_ID";

    private static readonly TimeSpan SidecarCallTimeout = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string appId)
    {
        var serviceName = builder.Configuration[AppIdSetting] is { Length: > 0 } configured ? configured : appId;
        builder.WebHost.ConfigureKestrel(kestrel => AppListener.Configure(kestrel, builder.Configuration));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddGrpcApi();
        builder.Services.AddDaprClient(dapr => dapr.UseTimeout(SidecarCallTimeout));
        builder.Services.AddSingleton<StateStoreClient>();
        builder.Services.AddSingleton<AppReadiness>();
        builder.Services.AddHostedService<SidecarReadinessReporter>();
        builder.Services.AddGrpcHealthChecks().AddCheck<AppReadiness>("app");
        builder.Services.AddSingleton<TopicSubscriptionRegistry>();
        builder.Services.AddSingleton<RecentlyHandledEvents>();
        builder.Services.AddAppApiToken(builder.Configuration);
        builder.Services.AddTelemetryExport(builder.Configuration, serviceName);
        return builder;
    }

    /// <summary>
    /// Grpc.AspNetCore with the interceptor that answers failures with statuses, and server reflection, so that a
    /// generic client (grpcurl, Postman, grpc-js) can list and call the API through a sidecar without the .proto files.
    /// </summary>
    public static IServiceCollection AddGrpcApi(this IServiceCollection services)
    {
        // One instance for the app's life: registered by type alone, Grpc.AspNetCore would build one on every call.
        services.AddSingleton<ExceptionStatusInterceptor>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<ExceptionStatusInterceptor>());
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>grpc.health.v1 answers for <paramref name="serviceName"/> (a gRPC service's full name) as for the server.</summary>
    public static IServiceCollection AddHealthName(this IServiceCollection services, string serviceName) =>
        services.Configure<GrpcHealthChecksOptions>(health => health.Services.Map(serviceName, _ => true));
}
