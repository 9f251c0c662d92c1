using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PurifierRental.Grpc.Hosting;

public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="port"/> with cleartext HTTP/2 (h2c prior knowledge), which is what
    /// a Dapr sidecar and in-cluster gRPC clients speak. Port 0 picks a free port.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, int port, IPAddress? address = null)
    {
        kestrel.Listen(address ?? IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        ConfigureHttp2Limits(kestrel);
        return kestrel;
    }

    /// <summary>Limits sized for many small concurrent gRPC calls and for long-lived streams.</summary>
    public static void ConfigureHttp2Limits(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 250;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
        kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
        kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(30);
    }
}
