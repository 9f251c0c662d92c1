using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Domain;
using PurifierRental.ServiceDefaults;
using PurifierRental.Testing;

namespace PurifierRental.GatewayService.Tests.Adapters;

/// <summary>
/// The gateway as Program.cs composes it, on free ports, in Development with its own signing key and small limits.
/// No sidecar runs: what these tests show is decided before any service is called.
/// </summary>
public sealed class GatewayHost : IAsyncLifetime
{
    public const int RequestsPerWindow = 20;

    public const int MaxRequestBytes = 1024;

    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), "gateway-tests-" + Guid.NewGuid().ToString("N"), "key");
    private WebApplication? _app;
    private GrpcChannel? _channel;

    public HttpClient Http { get; private set; } = null!;

    public GrpcChannel Grpc => _channel!;

    public SecurityKey Key { get; private set; } = null!;

    public string TokenFor(Role role, string subject) => DevelopmentTokens.Issue(Key, subject, role, TimeSpan.FromMinutes(5));

    public async Task InitializeAsync()
    {
        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APP_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Limits:RequestsPerWindow"] = RequestsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Limits:Window"] = "00:10:00",
            ["Gateway:Limits:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Authentication:DevelopmentKeyPath"] = _keyPath,
        });
        builder.AddServiceDefaults(appId: "gateway");
        builder.AddGateway();
        _app = builder.Build();
        _app.UseGateway();
        _app.MapGateway();
        await _app.StartAsync();
        Key = DevelopmentSigningKey.LoadOrCreate(_keyPath);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(Path.GetDirectoryName(_keyPath)!, recursive: true);
    }
}
