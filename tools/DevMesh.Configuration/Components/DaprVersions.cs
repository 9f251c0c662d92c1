namespace DevMesh.Configuration.Components;

/// <summary>How the daprd release to imitate is chosen: <c>DEVMESH_DAPR_VERSION=1.16</c> or <c>1.17</c> (the default).</summary>
public static class DaprVersions
{
    public const string EnvironmentVariable = "DEVMESH_DAPR_VERSION";

    /// <summary>The release named by <paramref name="text"/> (<c>1.16</c>, <c>1.17</c>, with or without a patch or a leading <c>v</c>); null means the newest.</summary>
    /// <exception cref="DevMeshConfigurationException">Another release is named.</exception>
    public static DaprVersion Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DaprVersion.V1_17;
        }
        var parts = text.Trim().TrimStart('v').Split('.');
        return parts is ["1", var minor, ..] && minor switch { "16" => DaprVersion.V1_16, "17" => DaprVersion.V1_17, _ => (DaprVersion?)null } is { } version
            ? version
            : throw new DevMeshConfigurationException($"{EnvironmentVariable} '{text}' names a Dapr release DevMesh does not imitate; use 1.16 or 1.17");
    }
}
