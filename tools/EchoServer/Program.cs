using System.Globalization;
using PurifierRental.EchoServer;

// Usage: EchoServer [port]
// Without a port it listens on APP_PORT, as an app started by `dapr run` or DevMesh does; without either, on a
// free port. The port is printed on the first line.
var port = args.Length > 0
    ? int.Parse(args[0], CultureInfo.InvariantCulture)
    : int.TryParse(Environment.GetEnvironmentVariable("APP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var appPort) ? appPort : 0;
var app = EchoHost.Build(port);

// Every answer names the instance that gave it (its port), so that a caller can see calls spread over replicas.
var instance = "";
app.Use((context, next) =>
{
    context.Response.Headers["echo-instance"] = instance;
    return next(context);
});
await app.StartAsync();
instance = app.BoundPort().ToString(CultureInfo.InvariantCulture);
Console.WriteLine($"listening on {instance}");
await app.WaitForShutdownAsync();
