namespace DevMesh.Configuration.Run;

/// <summary>
/// Which rung of the CLI's precedence ladder supplied the resources paths or the config file:
/// the app entry, the app's own <c>.dapr</c> folder, the <c>common</c> section, or the Dapr runtime folder.
/// </summary>
public enum PathOrigin
{
    App,
    AppDaprDirectory,
    Common,
    DaprRuntimeDirectory,
}
