using System.Text;

namespace PurifierRental.Testing;

/// <summary>
/// A Dapr component resource as a user writes it in components/: for tests and benchmarks that load components into
/// a sidecar. Metadata values are written double-quoted, so that numbers and booleans stay strings, as Dapr reads them.
/// </summary>
public static class ComponentYaml
{
    public static string Of(string name, string type, params (string Name, string Value)[] metadata)
    {
        var yaml = new StringBuilder()
            .Append("apiVersion: dapr.io/v1alpha1\n")
            .Append("kind: Component\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(name).Append('\n')
            .Append("spec:\n")
            .Append("  type: ").Append(type).Append('\n')
            .Append("  version: v1\n");
        if (metadata.Length > 0)
        {
            yaml.Append("  metadata:\n");
            foreach (var (key, value) in metadata)
            {
                yaml.Append("  - name: ").Append(key).Append('\n')
                    .Append("    value: \"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
            }
        }
        return yaml.ToString();
    }

    /// <summary>The metadata that sends a state store's transactions through the outbox to <paramref name="topic"/>.</summary>
    public static (string Name, string Value)[] Outbox(string pubsub, string topic, bool discardWhenMissingState = false) =>
    [
        ("outboxPublishPubsub", pubsub),
        ("outboxPublishTopic", topic),
        ("outboxDiscardWhenMissingState", discardWhenMissingState ? "true" : "false"),
    ];
}
