using PurifierRental.Dapr.Hosting;
using PurifierRental.ManagementCenterService;
using PurifierRental.ManagementCenterService.Adapters.Grpc;

var builder = DaprServiceHost.CreateBuilder(args, defaultAppId: "managementcenter");
builder.Services.AddManagementCenter(builder.Configuration);

var app = builder.Build();
app.MapManagementCenterService();
app.UseDaprApp();
app.Run();
