using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The gateway as its users reach it: JSON over HTTP and gRPC on its public ports, with development tokens signed by
/// the key the test mesh's gateway uses (as <c>rental login</c> signs them).
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly Microsoft.IdentityModel.Tokens.SecurityKey _key;
    private readonly GrpcChannel _channel;

    public GatewayClient(MeshFixture mesh)
    {
        var env = mesh.Mesh.Template.Apps.Single(app => app.AppId == "gateway").Env;
        _key = DevelopmentSigningKey.LoadOrCreate(env["Authentication__DevelopmentKeyPath"]);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port(env, "Gateway__HttpPort")}"), Timeout = TimeSpan.FromSeconds(30) };
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port(env, "Gateway__GrpcPort")}");
    }

    public HttpClient Http { get; }

    public CallInvoker Grpc => _channel.CreateCallInvoker();

    public string TokenFor(Role role, string subject) => DevelopmentTokens.Issue(_key, subject, role, TimeSpan.FromMinutes(10));

    /// <summary>A JSON request carrying <paramref name="role"/>'s token for <paramref name="subject"/>; none when role is null.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, Role? role = null, string subject = "", string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (role is { } r)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(r, subject));
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>gRPC call options with the token and a deadline.</summary>
    public CallOptions As(Role role, string subject) =>
        new(new Metadata { { "authorization", "Bearer " + TokenFor(role, subject) } }, DateTime.UtcNow.AddSeconds(30));

    public void Dispose()
    {
        Http.Dispose();
        _channel.Dispose();
    }

    private static int Port(IReadOnlyDictionary<string, string> env, string name) => int.Parse(env[name], CultureInfo.InvariantCulture);
}
