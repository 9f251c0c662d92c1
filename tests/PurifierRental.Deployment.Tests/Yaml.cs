using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace PurifierRental.Deployment.Tests;

/// <summary>YAML documents as plain maps and lists, and paths into them.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Dictionary<object, object>> Documents(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<Dictionary<object, object>?>(parser) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    /// <summary>
    /// The value at a dotted path ("spec.template.metadata"), or null where any step is missing. A key that itself
    /// holds dots ("dapr.io/app-id", "redis.conf") is matched whole.
    /// </summary>
    public static object? At(object? node, string path)
    {
        var steps = path.Split('.');
        for (var i = 0; i < steps.Length && node is not null; i++)
        {
            switch (node)
            {
                case Dictionary<object, object> map:
                    var taken = Enumerable.Range(1, steps.Length - i).Reverse()
                        .FirstOrDefault(n => map.ContainsKey(string.Join('.', steps, i, n)));
                    node = taken == 0 ? null : map[string.Join('.', steps, i, taken)];
                    i += Math.Max(taken, 1) - 1;
                    break;
                case List<object> list when int.TryParse(steps[i], out var index) && index < list.Count:
                    node = list[index];
                    break;
                default:
                    node = null;
                    break;
            }
        }

        return node;
    }

    public static string? Text(object? node, string path) => At(node, path)?.ToString();

    public static IEnumerable<object> Items(object? node, string path) => At(node, path) as List<object> ?? [];

    /// <summary>Every map anywhere below <paramref name="node"/>, itself included.</summary>
    public static IEnumerable<Dictionary<object, object>> Maps(object? node)
    {
        if (node is Dictionary<object, object> map)
        {
            yield return map;
            foreach (var inner in map.Values.SelectMany(Maps))
            {
                yield return inner;
            }
        }
        else if (node is List<object> list)
        {
            foreach (var inner in list.SelectMany(Maps))
            {
                yield return inner;
            }
        }
    }
}
