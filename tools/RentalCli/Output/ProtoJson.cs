using Google.Protobuf;

namespace RentalCli.Output;

/// <summary>The protobuf JSON mapping, as the services' events and any gRPC JSON tooling use it.</summary>
internal static class ProtoJson
{
    public static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default.WithIndentation("  "));

    public static readonly JsonFormatter Compact = new(JsonFormatter.Settings.Default);
}
