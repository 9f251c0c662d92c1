using System.Net;
using System.Net.Sockets;

namespace PurifierRental.Testing;

/// <summary>Hands out loopback TCP ports that are free right now.</summary>
public static class FreePort
{
    // Ports already handed out in this process are not handed out again, so fixtures starting in
    // parallel never race each other for the same port (the kernel may well return it twice).
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A port that was free a moment ago. Another process can still take it before the server binds it,
    /// which is why the servers here retry on a fresh port when binding fails.
    /// </summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                if (Issued.Add(port))
                    return port;
            }
            throw new InvalidOperationException("Could not find a free loopback port.");
        }
    }
}
