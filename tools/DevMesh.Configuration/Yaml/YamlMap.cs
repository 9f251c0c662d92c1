using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevMesh.Configuration.Yaml;

/// <summary>
/// A YAML mapping with typed getters that fail with a message naming file, line, subject and key,
/// and that remembers which keys were read so the rest can be reported as unknown.
/// </summary>
/// <remarks>
/// Kubernetes-style resources (Component, Resiliency, Configuration) are decoded by daprd through
/// JSON, whose field matching ignores case; the CLI's dapr.yaml is decoded by yaml.v2, which does not.
/// </remarks>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _keyPrefix;
    private readonly bool _caseInsensitiveKeys;
    private readonly HashSet<string> _consumed;

    public YamlMap(YamlMappingNode node, ConfigurationSource source, string keyPrefix, bool caseInsensitiveKeys)
        : this(node, source, keyPrefix, caseInsensitiveKeys, new HashSet<string>(StringComparer.Ordinal))
    {
    }

    private YamlMap(YamlMappingNode node, ConfigurationSource source, string keyPrefix, bool caseInsensitiveKeys, HashSet<string> consumed)
    {
        _node = node;
        Source = source;
        _keyPrefix = keyPrefix;
        _caseInsensitiveKeys = caseInsensitiveKeys;
        _consumed = consumed;
    }

    public ConfigurationSource Source { get; }

    public int Line => checked((int)_node.Start.Line);

    /// <summary>Keys in document order.</summary>
    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty);

    /// <summary>The same mapping, described as <paramref name="subject"/> in messages; keys read on either view count for both.</summary>
    public YamlMap WithSubject(string subject, string keyPrefix = "") =>
        new(_node, Source.WithSubject(subject), keyPrefix, _caseInsensitiveKeys, _consumed);

    public bool Has(string key) => Find(key, markConsumed: false) is not null;

    public string? GetString(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value ?? string.Empty,
            _ => throw Error(key, "expected a single value, found a list or a mapping"),
        };
    }

    public string GetRequiredString(string key, string problemWhenMissing)
    {
        var value = GetString(key);
        return string.IsNullOrWhiteSpace(value) ? throw Error(key, problemWhenMissing) : value;
    }

    public int? GetInt(string key)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        return YamlText.TryParseInt(text, out var value) ? value : throw Error(key, $"expected an integer, got '{text}'");
    }

    public long? GetLong(string key)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        return YamlText.TryParseLong(text, out var value) ? value : throw Error(key, $"expected an integer, got '{text}'");
    }

    public bool? GetBool(string key)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        return YamlText.TryParseBool(text, out var value) ? value : throw Error(key, $"expected true or false, got '{text}'");
    }

    /// <summary>A duration where a bare integer means milliseconds (daprd's decoding).</summary>
    public TimeSpan? GetDaprDuration(string key)
    {
        var text = GetString(key);
        if (text is null || text.Length == 0)
        {
            return null;
        }

        return DaprDuration.TryParse(text, out var value, out var error)
            ? value
            : throw Error(key, $"expected a duration such as '5s', '1m30s' or '500' (milliseconds): {error}");
    }

    public YamlMap? GetMap(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar when IsNull(scalar) => null,
            YamlMappingNode mapping => new YamlMap(mapping, Source.WithKey(Qualify(key), Line), Qualify(key), _caseInsensitiveKeys),
            _ => throw Error(key, "expected a mapping (key: value pairs)"),
        };
    }

    /// <summary>A list of single values. A lone scalar is rejected: the Go decoders reject it too.</summary>
    public IReadOnlyList<string>? GetStringList(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlSequenceNode sequence:
                var list = new List<string>(sequence.Children.Count);
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode itemScalar)
                    {
                        throw Error(key, "expected a list of single values");
                    }

                    list.Add(itemScalar.Value ?? string.Empty);
                }

                return list;
            default:
                throw Error(key, "expected a YAML list, e.g. [\"a\", \"b\"] or one '- item' per line");
        }
    }

    public IReadOnlyList<YamlMap>? GetMapList(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlSequenceNode sequence:
                var list = new List<YamlMap>(sequence.Children.Count);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var itemKey = $"{Qualify(key)}[{i}]";
                    if (sequence.Children[i] is not YamlMappingNode mapping)
                    {
                        throw new DevMeshConfigurationException(
                            Source.WithKey(itemKey, checked((int)sequence.Children[i].Start.Line)),
                            "expected a mapping (key: value pairs)");
                    }

                    list.Add(new YamlMap(mapping, Source.WithKey(itemKey, checked((int)mapping.Start.Line)), itemKey, _caseInsensitiveKeys));
                }

                return list;
            default:
                throw Error(key, "expected a YAML list");
        }
    }

    /// <summary>A mapping of names to single values (e.g. <c>env</c>); non-string scalars keep their text.</summary>
    public IReadOnlyDictionary<string, string>? GetStringMap(string key)
    {
        var map = GetMap(key);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in map.Keys)
        {
            result[name] = map.GetString(name) ?? string.Empty;
        }

        return result;
    }

    /// <summary>Reports every key that no getter asked for.</summary>
    public void ReportUnknownKeys(ICollection<ConfigurationWarning> warnings, string? hint = null)
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!_consumed.Contains(key))
            {
                var message = hint is null ? "unknown key; it is ignored" : $"unknown key; it is ignored ({hint})";
                warnings.Add(new ConfigurationWarning(Source.WithKey(Qualify(key), checked((int)keyNode.Start.Line)), message));
            }
        }
    }

    /// <summary>Marks a key as read without reading it (for keys ignored on purpose).</summary>
    public void Ignore(string key) => Find(key);

    public DevMeshConfigurationException Error(string key, string problem)
    {
        var node = Find(key, markConsumed: false);
        var line = node is null ? Line : checked((int)node.Start.Line);
        return new DevMeshConfigurationException(Source.WithKey(Qualify(key), line), problem);
    }

    public ConfigurationSource SourceOf(string key)
    {
        var node = Find(key, markConsumed: false);
        return Source.WithKey(Qualify(key), node is null ? Line : checked((int)node.Start.Line));
    }

    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private string Qualify(string key) => _keyPrefix.Length == 0 ? key : $"{_keyPrefix}.{key}";

    private YamlNode? Find(string key, bool markConsumed = true)
    {
        var comparison = _caseInsensitiveKeys ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (keyNode, valueNode) in _node.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && string.Equals(name, key, comparison))
            {
                if (markConsumed)
                {
                    _consumed.Add(name);
                }

                return valueNode;
            }
        }

        return null;
    }
}
