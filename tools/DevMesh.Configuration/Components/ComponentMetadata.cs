using System.Collections;
using DevMesh.Configuration.Yaml;

namespace DevMesh.Configuration.Components;

/// <summary>
/// A component's <c>spec.metadata</c> with typed getters. Names match case-insensitively, as in
/// Dapr's metadata decoder; a value that does not parse fails with the component and key named.
/// </summary>
public sealed class ComponentMetadata : IReadOnlyList<ComponentMetadataItem>
{
    private readonly IReadOnlyList<ComponentMetadataItem> _items;
    private readonly ConfigurationSource _source;

    public ComponentMetadata(IReadOnlyList<ComponentMetadataItem> items, ConfigurationSource source)
    {
        _items = items;
        _source = source;
    }

    public int Count => _items.Count;

    public ComponentMetadataItem this[int index] => _items[index];

    public IEnumerator<ComponentMetadataItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The value, or null when absent or empty. A secretKeyRef entry is an error: DevMesh has no secret stores.</summary>
    public string? GetString(string name)
    {
        var item = Find(name);
        if (item?.SecretKeyRef is { } secret)
        {
            throw new DevMeshConfigurationException(
                _source.WithKey($"spec.metadata.{item.Name}"),
                $"uses secretKeyRef '{secret.Name}', which DevMesh does not resolve; put the value in 'value' for local runs");
        }

        return string.IsNullOrEmpty(item?.Value) ? null : item.Value;
    }

    public string GetString(string name, string defaultValue) => GetString(name) ?? defaultValue;

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new DevMeshConfigurationException(_source.WithKey($"spec.metadata.{name}"), "is required");

    public int GetInt(string name, int defaultValue)
    {
        var text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        return YamlText.TryParseInt(text, out var value) ? value : throw Invalid(name, text, "an integer");
    }

    public long? GetLong(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        return YamlText.TryParseLong(text, out var value) ? value : throw Invalid(name, text, "an integer");
    }

    public bool GetBool(string name, bool defaultValue)
    {
        var text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        return YamlText.TryParseBool(text, out var value) ? value : throw Invalid(name, text, "true or false");
    }

    /// <summary>A duration as Dapr's metadata decoder reads it: bare integers are milliseconds.</summary>
    public TimeSpan GetDuration(string name, TimeSpan defaultValue) => GetDuration(name) ?? defaultValue;

    public TimeSpan? GetDuration(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        return DaprDuration.TryParse(text, out var value, out _)
            ? value
            : throw Invalid(name, text, "a duration such as '15s', '1m30s' or '500' (milliseconds)");
    }

    private ComponentMetadataItem? Find(string name)
    {
        foreach (var item in _items)
        {
            if (string.Equals(item.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return item;
            }
        }

        return null;
    }

    private DevMeshConfigurationException Invalid(string name, string text, string expected) =>
        new(_source.WithKey($"spec.metadata.{name}"), $"expected {expected}, got '{text}'");
}
