using System.Collections.Concurrent;
using System.Net;

namespace PurifierRental.Grpc.Client;

/// <summary>
/// A long-lived connection pool to one gRPC server. Cleartext addresses use HTTP/2 with prior
/// knowledge (h2c); streams are spread over extra connections when one connection's limit is reached.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _ownsHandler;
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        _ownsHandler = options.HttpHandler is null;
        Invoker = new HttpMessageInvoker(options.HttpHandler ?? CreateDefaultHandler(), disposeHandler: _ownsHandler);
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>The request URI of a method, made once per method: building a Uri parses it, on every call otherwise.</summary>
    internal Uri UriOf(string methodFullName) => _methodUris.GetOrAdd(methodFullName, static (path, address) => new Uri(address, path), Address);

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        if (address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Address '{address}' must use http:// (h2c) or https://.", nameof(address));
        }
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public CallInvoker CreateCallInvoker() => new(this);

    public void Dispose() => Invoker.Dispose();

    /// <summary>The handler a gRPC client wants: HTTP/2 only, no proxy, no redirects, keep-alive pings.</summary>
    public static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
