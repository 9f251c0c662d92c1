using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace PurifierRental.ServiceDefaults.Hosting;

/// <summary>
/// Where the app listens: gRPC with cleartext HTTP/2 (h2c prior knowledge, what the sidecar speaks) on
/// <c>APP_PORT</c> (0 picks a free port), on loopback so that only the local sidecar can reach it.
/// <c>APP_LISTEN_ADDRESS</c> opts into another address, e.g. 0.0.0.0 in a pod whose probes come to the pod address.
/// </summary>
public static class AppListener
{
    public const string PortSetting = "APP_PORT";

    public const string AddressSetting = "APP_LISTEN_ADDRESS";

    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var port = int.TryParse(configuration[PortSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var address = configuration[AddressSetting] is { Length: > 0 } listen ? IPAddress.Parse(listen) : IPAddress.Loopback;
        kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        // Sized for many small concurrent calls and for long-lived streams.
        kestrel.AddServerHeader = false;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 250;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
        kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
        kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(30);
    }
}
