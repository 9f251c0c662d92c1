using PurifierRental.InstallationService;
using PurifierRental.InstallationService.Adapters.Grpc;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults(appId: "installation");
builder.Services.AddInstallation(builder.Configuration);

var app = builder.Build();
app.MapGrpcService<InstallationApi>();
app.MapDaprAppCallback();
app.MapGrpcReflectionService();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.Run();
