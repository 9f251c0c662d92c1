using PurifierRental.Dapr.Hosting;
using PurifierRental.InstallationService;
using PurifierRental.InstallationService.Adapters.Grpc;

var builder = DaprServiceHost.CreateBuilder(args, defaultAppId: "installation");
builder.Services.AddInstallation(builder.Configuration);

var app = builder.Build();
app.MapInstallationService();
app.UseDaprApp();
app.Run();
