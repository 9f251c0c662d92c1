using PurifierRental.Dapr.Hosting;
using PurifierRental.OrderStatusService;
using PurifierRental.OrderStatusService.Adapters.Grpc;

var builder = DaprServiceHost.CreateBuilder(args, defaultAppId: "orderstatus");
builder.Services.AddOrderStatus(builder.Configuration);

var app = builder.Build();
app.MapOrderStatusService();
app.UseDaprApp();
app.Run();
