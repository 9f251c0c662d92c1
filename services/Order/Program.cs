using PurifierRental.OrderService;
using PurifierRental.OrderService.Adapters.Grpc;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults(appId: "order");
builder.Services.AddOrderService(builder.Configuration);

var app = builder.Build();
app.MapGrpcService<OrderApi>();
app.MapDaprAppCallback();
app.MapGrpcReflectionService();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.Run();
