using PurifierRental.EchoServer;

// Usage: EchoServer [port]   (0 or nothing: a free port, printed on the first line)
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
var app = EchoHost.Build(port);
await app.StartAsync();
Console.WriteLine($"listening on {app.BoundPort()}");
await app.WaitForShutdownAsync();
