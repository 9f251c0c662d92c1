namespace DevMesh.Configuration.Run;

/// <summary>Where the CLI writes an app's or daprd's output (<c>appLogDestination</c>, <c>daprdLogDestination</c>).</summary>
public enum LogDestination
{
    File,
    Console,
    FileAndConsole,
}
