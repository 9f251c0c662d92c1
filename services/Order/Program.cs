using PurifierRental.Dapr.Hosting;
using PurifierRental.OrderService.Adapters;

var builder = DaprServiceHost.CreateBuilder(args, defaultAppId: "order");
builder.Services.AddOrderService(builder.Configuration);

var app = builder.Build();
app.MapOrderService();
app.UseDaprApp();
app.Run();
