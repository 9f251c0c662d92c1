namespace DevMesh.Configuration;

/// <summary>
/// Something the real tools would accept silently but that is probably a mistake
/// (an unknown key, a deprecated spelling, an unsupported feature).
/// </summary>
public sealed record ConfigurationWarning(ConfigurationSource Source, string Message)
{
    public override string ToString() => Source.Describe(Message);
}
