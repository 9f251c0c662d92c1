using Google.Protobuf.Reflection;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Contracts.Tests;

/// <summary>The generated file descriptors under test, and a proto-like rendering of field types.</summary>
internal static class Descriptors
{
    public static IReadOnlyList<FileDescriptor> BusinessFiles { get; } =
    [
        OrderReflection.Descriptor,
        OrderServiceReflection.Descriptor,
        OrderEventsReflection.Descriptor,
        ManagementCenterReflection.Descriptor,
        ManagementCenterServiceReflection.Descriptor,
        ManagementCenterEventsReflection.Descriptor,
        InstallationReflection.Descriptor,
        InstallationServiceReflection.Descriptor,
        InstallationEventsReflection.Descriptor,
        OrderProgressReflection.Descriptor,
        OrderStatusServiceReflection.Descriptor,
    ];

    /// <summary>Every message of the files, nested ones included, except synthesized map entries.</summary>
    public static IEnumerable<MessageDescriptor> Messages(IEnumerable<FileDescriptor> files) =>
        files.SelectMany(f => f.MessageTypes).SelectMany(WithNested).Where(m => m.GetOptions()?.MapEntry != true);

    /// <summary>Every enum of the files, nested ones included.</summary>
    public static IEnumerable<EnumDescriptor> Enums(IEnumerable<FileDescriptor> files) =>
        files.SelectMany(f => f.EnumTypes)
            .Concat(files.SelectMany(f => f.MessageTypes).SelectMany(WithNested).SelectMany(m => m.EnumTypes));

    public static IEnumerable<ServiceDescriptor> Services(IEnumerable<FileDescriptor> files) =>
        files.SelectMany(f => f.Services);

    public static MessageDescriptor Message(IEnumerable<FileDescriptor> files, string fullName) =>
        Messages(files).SingleOrDefault(m => m.FullName == fullName)
        ?? throw new InvalidOperationException($"message {fullName} is not declared");

    public static EnumDescriptor Enum(IEnumerable<FileDescriptor> files, string fullName) =>
        Enums(files).SingleOrDefault(e => e.FullName == fullName)
        ?? throw new InvalidOperationException($"enum {fullName} is not declared");

    public static ServiceDescriptor Service(IEnumerable<FileDescriptor> files, string fullName) =>
        Services(files).SingleOrDefault(s => s.FullName == fullName)
        ?? throw new InvalidOperationException($"service {fullName} is not declared");

    /// <summary>
    /// The field's type as a .proto file spells it: "string", "map&lt;string,string&gt;",
    /// "repeated pkg.Message", "optional pkg.Message", "oneof event: bytes".
    /// </summary>
    public static string Describe(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var key = field.MessageType.FindFieldByNumber(1);
            var value = field.MessageType.FindFieldByNumber(2);
            return $"map<{TypeName(key)},{TypeName(value)}>";
        }

        var oneof = field.ContainingOneof;
        var label = field.IsRepeated ? "repeated "
            : oneof is { IsSynthetic: true } ? "optional "
            : oneof is not null ? $"oneof {oneof.Name}: "
            : "";
        return label + TypeName(field);
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    private static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor message) =>
        new[] { message }.Concat(message.NestedTypes.SelectMany(WithNested));
}
