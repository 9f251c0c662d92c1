namespace DevMesh.Configuration;

/// <summary>
/// A configuration file that daprd or the Dapr CLI would refuse. The message always names the file,
/// the subject (app, component, policy) and the key, so that the fix is obvious without a debugger.
/// </summary>
public sealed class DevMeshConfigurationException : Exception
{
    public DevMeshConfigurationException(string message)
        : base(message)
    {
    }

    public DevMeshConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DevMeshConfigurationException(ConfigurationSource source, string problem, Exception? innerException = null)
        : base(source.Describe(problem), innerException)
    {
        FilePath = source.FilePath;
        Subject = source.Subject;
        Key = source.Key;
    }

    public DevMeshConfigurationException()
    {
    }

    /// <summary>The file that holds the faulty value, when known.</summary>
    public string? FilePath { get; }

    /// <summary>What the value belongs to, e.g. <c>app 'order'</c> or <c>retry policy 'fast'</c>.</summary>
    public string? Subject { get; }

    /// <summary>The YAML key path of the faulty value, e.g. <c>spec.policies.retries.fast.maxRetries</c>.</summary>
    public string? Key { get; }
}
