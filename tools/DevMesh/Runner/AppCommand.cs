using DevMesh.Configuration;
using DevMesh.Configuration.Run;

namespace DevMesh.Runner;

/// <summary>
/// Resolves an app's <c>command</c> the way the CLI's <c>exec.Command</c> does: a bare name is looked up
/// on PATH, a relative path is taken relative to <c>appDirPath</c>. A command that cannot run is reported
/// before anything starts, with the template and key named.
/// </summary>
internal static class AppCommand
{
    public static (string Executable, IReadOnlyList<string> Arguments) Resolve(AppRunSpec app, string templatePath, string? pathVariable)
    {
        var name = app.Command[0];
        var source = new ConfigurationSource(templatePath, $"app '{app.AppId}'", "command");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DevMeshConfigurationException(source, "the command's first element is empty");
        }

        string? executable;
        if (name.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            executable = Path.GetFullPath(Path.Combine(app.AppDirPath, name));
            if (!File.Exists(executable))
            {
                throw new DevMeshConfigurationException(source, $"'{name}' does not exist (resolved to '{executable}')");
            }
        }
        else
        {
            executable = (pathVariable ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists);
            if (executable is null)
            {
                throw new DevMeshConfigurationException(source, $"'{name}' was not found on PATH");
            }
        }

        return (executable, app.Command.Skip(1).ToList());
    }
}
