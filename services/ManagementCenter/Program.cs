using PurifierRental.ManagementCenterService;
using PurifierRental.ManagementCenterService.Adapters.Grpc;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults(appId: "managementcenter");
builder.Services.AddManagementCenter(builder.Configuration);

var app = builder.Build();
app.MapGrpcService<ManagementCenterApi>();
app.MapDaprAppCallback();
app.MapGrpcReflectionService();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.Run();
