using DevMesh.Sidecar;

namespace DevMesh.Runner;

/// <summary>Free loopback ports for one mesh, never the same one twice (the kernel may hand a just-closed port out again).</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _issued = [];
    private readonly Lock _gate = new();

    /// <summary>Records ports the template fixes, so that no free port handed out collides with them.</summary>
    public void Reserve(int port)
    {
        lock (_gate)
        {
            _issued.Add(port);
        }
    }

    public int Next()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var port = SidecarHost.FreePort();
                if (_issued.Add(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("no free loopback port found");
        }
    }
}
