using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.GatewayService.Adapters.Dapr;

/// <summary>The services' generated clients, each over Dapr service invocation through the gateway's own sidecar.</summary>
public static class ServiceClients
{
    public static IServiceCollection AddServiceClients(this IServiceCollection services, ServiceAppIds apps) => services
        .AddSingleton(new OrderService.OrderServiceClient(DaprClient.CreateInvocationInvoker(apps.Order)))
        .AddSingleton(new OrderStatusService.OrderStatusServiceClient(DaprClient.CreateInvocationInvoker(apps.OrderStatus)))
        .AddSingleton(new InstallationService.InstallationServiceClient(DaprClient.CreateInvocationInvoker(apps.Installation)))
        .AddSingleton(new ManagementCenterService.ManagementCenterServiceClient(DaprClient.CreateInvocationInvoker(apps.ManagementCenter)));
}
