namespace DevMesh.Configuration.AppConfiguration;

/// <summary><c>allow</c> or <c>deny</c> (case-insensitive in YAML).</summary>
public enum AccessControlAction
{
    Allow,
    Deny,
}
