using DevMesh.Configuration.AppConfiguration;
using DevMesh.Configuration.Components;
using DevMesh.Configuration.Resiliency;
using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration;

/// <summary>
/// Reads resources folders the way self-hosted daprd does: every <c>*.yaml</c>/<c>*.yml</c> file
/// directly inside each folder (not below), every <c>---</c> document routed by its <c>kind</c>,
/// scopes applied for the app. Kinds DevMesh does not serve are reported as warnings.
/// </summary>
public static class ResourceLoader
{
    public static ResourceSet Load(IEnumerable<string> resourcesPaths, string appId)
    {
        ArgumentNullException.ThrowIfNull(resourcesPaths);
        var texts = new List<(string Path, string Text)>();
        var warnings = new List<ConfigurationWarning>();
        foreach (var path in resourcesPaths)
        {
            foreach (var file in FilesIn(path, warnings))
            {
                texts.Add((file, File.ReadAllText(file)));
            }
        }

        return Build(texts, appId, warnings);
    }

    /// <summary>Loads resources from YAML texts (one per file), for tests and generated resources.</summary>
    public static ResourceSet Parse(IEnumerable<(string FilePath, string Yaml)> files, string appId)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Build(files.ToList(), appId, []);
    }

    private static IEnumerable<string> FilesIn(string path, List<ConfigurationWarning> warnings)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            warnings.Add(new ConfigurationWarning(new ConfigurationSource(path, null, null), "resources path does not exist; nothing is loaded from it"));
            return [];
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
    }

    private static ResourceSet Build(List<(string Path, string Text)> files, string appId, List<ConfigurationWarning> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        var components = new List<ComponentDefinition>();
        var resiliencies = new List<ResiliencySpec>();
        var configurations = new List<DaprConfiguration>();
        foreach (var (path, text) in files)
        {
            foreach (var document in YamlDocument.Load(text, path, caseInsensitiveKeys: true))
            {
                if (document.Root is not { } root)
                {
                    continue;
                }

                var kind = root.GetString("kind");
                switch (kind?.ToLowerInvariant())
                {
                    case "component":
                        var component = ComponentParser.Parse(root, warnings);
                        if (component.IsVisibleTo(appId))
                        {
                            AddComponent(components, component, root);
                        }

                        break;
                    case "resiliency":
                        var resiliency = ResiliencyParser.Parse(root);
                        warnings.AddRange(resiliency.Warnings);
                        if (resiliency.AppliesTo(appId))
                        {
                            resiliencies.Add(resiliency);
                        }

                        break;
                    case "configuration":
                        var configuration = ConfigurationParser.Parse(root);
                        warnings.AddRange(configuration.Warnings);
                        configurations.Add(configuration);
                        break;
                    default:
                        warnings.Add(new ConfigurationWarning(root.SourceOf("kind"), $"kind '{kind}' is not loaded by DevMesh"));
                        break;
                }
            }
        }

        return new ResourceSet
        {
            AppId = appId,
            Components = components,
            Resiliencies = resiliencies,
            Configurations = configurations,
            Warnings = warnings,
        };
    }

    private static void AddComponent(List<ComponentDefinition> components, ComponentDefinition component, YamlMap root)
    {
        var existing = components.FirstOrDefault(c => string.Equals(c.Name, component.Name, StringComparison.Ordinal));
        if (existing is not null)
        {
            throw new DevMeshConfigurationException(
                root.SourceOf("metadata").WithSubject($"component '{component.Name}'"),
                $"a component with this name is already defined in {existing.FilePath}");
        }

        components.Add(component);
    }
}
