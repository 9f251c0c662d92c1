using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PurifierRental.GatewayService.Adapters;

/// <summary>
/// The <c>Gateway</c> section: where the public API listens, besides the app port its sidecar uses. JSON over
/// HTTP/1.1 on <see cref="HttpPort"/>, gRPC (HTTP/2 without TLS) on <see cref="GrpcPort"/>: one cleartext port
/// cannot offer both. TLS ends in front of the gateway (the ingress), as usual for a pod.
/// </summary>
public sealed class GatewayListener
{
    public const string Section = "Gateway";

    public int HttpPort { get; set; } = 8080;

    public int GrpcPort { get; set; } = 8081;

    /// <summary>Loopback unless set (e.g. 0.0.0.0 in a pod behind its Service).</summary>
    public string? ListenAddress { get; set; }

    public void Configure(KestrelServerOptions kestrel)
    {
        var address = string.IsNullOrWhiteSpace(ListenAddress) ? IPAddress.Loopback : IPAddress.Parse(ListenAddress);
        kestrel.Listen(address, HttpPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        kestrel.Listen(address, GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
    }
}
