using PurifierRental.GatewayService;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults(appId: "gateway");
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.MapGateway();
app.MapDaprAppCallback();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.Run();
