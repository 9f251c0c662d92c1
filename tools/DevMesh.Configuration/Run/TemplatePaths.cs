using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Run;

/// <summary>Path handling of the Multi-App Run template: <c>~</c> expansion, relative paths, existence checks.</summary>
internal static class TemplatePaths
{
    public static string Resolve(string path, string baseDirectory)
    {
        var expanded = path.Trim();
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            expanded = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), expanded.TrimStart('~').TrimStart('/'));
        }

        return Path.GetFullPath(Path.IsPathRooted(expanded) ? expanded : Path.Combine(baseDirectory, expanded));
    }

    /// <summary>Like the CLI, a path written in the template must exist.</summary>
    public static string ResolveExisting(string path, string baseDirectory, YamlMap map, string key)
    {
        var resolved = Resolve(path, baseDirectory);
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            throw map.Error(key, $"path '{path}' does not exist (resolved to '{resolved}')");
        }

        return resolved;
    }
}
