using PurifierRental.OrderStatusService;
using PurifierRental.OrderStatusService.Adapters.Grpc;
using PurifierRental.ServiceDefaults;
using PurifierRental.ServiceDefaults.AppCallback;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults(appId: "orderstatus");
builder.Services.AddOrderStatus(builder.Configuration);

var app = builder.Build();
app.MapGrpcService<OrderStatusApi>();
app.MapDaprAppCallback();
app.MapGrpcReflectionService();
app.MapGrpcHealthChecksService().AllowAnonymous();
app.Run();
