using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>What every instance of one mesh shares: name resolution, the runner's environment, console and ports.</summary>
internal sealed record MeshServices(AppRegistry Registry, RunnerEnvironment Environment, MeshConsole Console, PortAllocator Ports, LogLevel? SidecarLevel, TimeSpan ShutdownTimeout);
