using Grpc.Health.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PurifierRental.Grpc.Tests.Health;

/// <summary>grpc.health.v1.Health's methods for our client.</summary>
public static class HealthMethods
{
    private static readonly ServiceDescriptor Service = HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health");

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = Method<HealthCheckRequest, HealthCheckResponse>.From(Service, "Check");

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = Method<HealthCheckRequest, HealthCheckResponse>.From(Service, "Watch");
}
