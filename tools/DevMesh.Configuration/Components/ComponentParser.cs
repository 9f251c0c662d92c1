using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Components;

/// <summary>Decodes a <c>kind: Component</c> document.</summary>
internal static class ComponentParser
{
    public static ComponentDefinition Parse(YamlMap document, ICollection<ConfigurationWarning> warnings)
    {
        var metadataMap = document.GetMap("metadata");
        var name = metadataMap?.GetString("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw document.Error("metadata.name", "a component needs metadata.name");
        }

        var root = document.WithSubject($"component '{name}'");
        root.Ignore("kind");
        root.Ignore("metadata");
        var apiVersion = root.GetString("apiVersion");
        if (!string.Equals(apiVersion, "dapr.io/v1alpha1", StringComparison.Ordinal))
        {
            warnings.Add(new ConfigurationWarning(root.SourceOf("apiVersion"), $"expected apiVersion dapr.io/v1alpha1, found '{apiVersion}'"));
        }

        var spec = root.GetMap("spec") ?? throw root.Error("spec", "a component needs a spec");
        var type = spec.GetRequiredString("type", "a component needs spec.type, e.g. state.redis");
        var version = spec.GetString("version");
        var items = new List<ComponentMetadataItem>();
        foreach (var entry in spec.GetMapList("metadata") ?? [])
        {
            var itemName = entry.GetRequiredString("name", "a metadata entry needs a name");
            SecretKeyReference? secret = null;
            if (entry.GetMap("secretKeyRef") is { } secretMap)
            {
                secret = new SecretKeyReference(secretMap.GetRequiredString("name", "secretKeyRef needs a name"), secretMap.GetString("key"));
                warnings.Add(new ConfigurationWarning(entry.Source, $"metadata '{itemName}' uses secretKeyRef, which DevMesh does not support"));
            }

            items.Add(new ComponentMetadataItem(itemName, entry.GetString("value"), secret));
            entry.ReportUnknownKeys(warnings);
        }

        var component = new ComponentDefinition
        {
            Name = name,
            Namespace = metadataMap?.GetString("namespace"),
            Type = type,
            Version = string.IsNullOrWhiteSpace(version) ? "v1" : version,
            IgnoreErrors = spec.GetBool("ignoreErrors") ?? false,
            InitTimeout = spec.GetDaprDuration("initTimeout"),
            Metadata = new ComponentMetadata(items, new ConfigurationSource(document.Source.FilePath, $"component '{name}'", null)),
            Scopes = root.GetStringList("scopes") ?? [],
            FilePath = document.Source.FilePath ?? string.Empty,
        };

        if (root.Has("auth"))
        {
            root.Ignore("auth");
            warnings.Add(new ConfigurationWarning(root.SourceOf("auth"), "auth.secretStore is not supported by DevMesh"));
        }

        spec.ReportUnknownKeys(warnings);
        root.ReportUnknownKeys(warnings);
        return component;
    }
}
