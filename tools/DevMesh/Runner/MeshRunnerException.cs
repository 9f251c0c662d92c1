namespace DevMesh.Runner;

/// <summary>An app instance that could not be started or that exited while the mesh was starting.</summary>
public sealed class MeshRunnerException : Exception
{
    public MeshRunnerException()
    {
    }

    public MeshRunnerException(string message)
        : base(message)
    {
    }

    public MeshRunnerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MeshRunnerException(string message, string instanceName, int? exitCode)
        : base(message)
    {
        InstanceName = instanceName;
        ExitCode = exitCode;
    }

    /// <summary>The instance that failed, e.g. <c>order</c> or <c>order#1</c>.</summary>
    public string? InstanceName { get; }

    /// <summary>The app's exit code when it exited on its own.</summary>
    public int? ExitCode { get; }
}
