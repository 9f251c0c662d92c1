using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DevMesh.Runner;

/// <summary>
/// Whether an app's port is free before the app starts. An app that cannot bind its port exits, but a sidecar
/// attaching meanwhile would find whatever else listens there (say, an app a killed runner left behind) and the
/// mesh would look up while talking to a stranger.
/// </summary>
internal static class AppPortCheck
{
    /// <summary>Throws a <see cref="MeshRunnerException"/> naming the port and, where /proc tells, the process that holds it.</summary>
    public static void EnsureFree(string instanceName, int port)
    {
        if (IsFree(IPAddress.Loopback, port) && (!Socket.OSSupportsIPv6 || IsFree(IPAddress.IPv6Loopback, port)))
        {
            return;
        }

        var holder = HolderOf(port) is { } pid ? $" by process {pid} ({CommandLineOf(pid)})" : " by another process";
        throw new MeshRunnerException(
            $"app '{instanceName}' cannot start: its port {port} is already in use{holder}. "
            + "A mesh stopped with SIGKILL before DevMesh ended its apps with it can leave one behind; stop it, or give the app another appPort.",
            instanceName,
            exitCode: null);
    }

    private static bool IsFree(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // The address itself is not available here (no IPv6 loopback): nothing can hold the port on it.
            return true;
        }
    }

    /// <summary>The process with a socket listening on <paramref name="port"/>: /proc/net/tcp* gives the socket's inode, /proc/*/fd its owner.</summary>
    private static int? HolderOf(int port)
    {
        if (!ProcessTree.CanInspect)
        {
            return null;
        }

        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == "0A")
            .Select(fields => $"socket:[{fields[9]}]")
            .ToHashSet(StringComparer.Ordinal);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var process in ProcessTree.Snapshot())
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries($"/proc/{process.Pid}/fd").Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return process.Pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to look at.
            }
        }

        return null;
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return text.Length > 0 ? text : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
