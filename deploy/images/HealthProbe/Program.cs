using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

// Usage: health-probe [address]; the default is the app in this container, http://127.0.0.1:$APP_PORT.
// Exit code 0: SERVING; 1: any other answer, or none within the deadline.
var address = args.Length > 0 ? args[0] : $"http://127.0.0.1:{Environment.GetEnvironmentVariable("APP_PORT")}";
using var channel = GrpcChannel.ForAddress(address);
var health = new Health.HealthClient(channel);
try
{
    var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(3));
    Console.WriteLine(reply.Status);
    return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"{address}: {e.Status.StatusCode} {e.Status.Detail}");
    return 1;
}
