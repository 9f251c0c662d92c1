using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;

namespace PurifierRental.ApiReference;

/// <summary>
/// The API reference as one Markdown page: for each package of the project's own contracts, its services with every
/// RPC and the statuses it returns, then every message with its fields and every enum with its values. An RPC's
/// comment names its statuses after "Errors:"; a comment without that part is refused, so no RPC goes undocumented.
/// </summary>
internal static partial class ReferencePage
{
    private const string OwnPrefix = "purifierrental.";

    // Test protocols are not part of the public API.
    private const string TestingPackage = "purifierrental.testing.v1";

    private const string ErrorsMarker = "Errors:";

    private const string Header = """
        # API reference

        Generated from the comments in [`protos/`](../protos) by `scripts/check-contracts.sh --update-docs`; do not edit
        by hand. CI regenerates it and fails when it differs, and buf's lint fails on any declaration without a comment.

        Callers reach every service through a Dapr sidecar (gRPC proxying with the `dapr-app-id` metadata key; server
        streams also send `dapr-stream: true`). Besides the statuses each RPC lists, any call can end with:

        | status | when | what to do |
        |---|---|---|
        | `UNAVAILABLE` | the service, its sidecar, or the store or broker behind it cannot be reached right now | retry with backoff; every RPC is safe to retry (PlaceOrder with the same `request_id`) |
        | `ABORTED` | a write kept losing to concurrent changes of the same data | retry |
        | `DEADLINE_EXCEEDED` | the caller's deadline passed first | retry; a write may have been applied, which the retry finds |
        | `INVALID_ARGUMENT` | a field is missing or malformed; the status carries `google.rpc.BadRequest` field violations | fix the request |
        | `INTERNAL` | a fault the service did not expect; its log has the details | report it |

        """;

    /// <summary>The page; throws <see cref="UndocumentedApiException"/> when an RPC's comment names no statuses.</summary>
    public static string Render(FileDescriptorSet set)
    {
        var page = new StringBuilder(Header);
        var files = set.File.Where(f => f.Package.StartsWith(OwnPrefix, StringComparison.Ordinal) && f.Package != TestingPackage).ToList();
        foreach (var package in files.Select(f => f.Package).Distinct().Order(StringComparer.Ordinal))
        {
            page.Append(CultureInvariant($"\n## `{package}`\n"));
            var inPackage = files.Where(f => f.Package == package).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            foreach (var file in inPackage)
            {
                var comments = new SourceComments(file);
                for (var s = 0; s < file.Service.Count; s++)
                {
                    WriteService(page, package, file.Service[s], comments, [SourceComments.Service, s]);
                }
            }
            foreach (var file in inPackage)
            {
                var comments = new SourceComments(file);
                for (var m = 0; m < file.MessageType.Count; m++)
                {
                    WriteMessage(page, package, file.MessageType[m], comments, [SourceComments.MessageType, m]);
                }
                for (var e = 0; e < file.EnumType.Count; e++)
                {
                    WriteEnum(page, package + "." + file.EnumType[e].Name, file.EnumType[e], comments, [SourceComments.EnumType, e]);
                }
            }
        }
        return page.ToString();
    }

    private static void WriteService(StringBuilder page, string package, ServiceDescriptorProto service, SourceComments comments, int[] path)
    {
        page.Append(CultureInvariant($"\n{Anchor(package + "." + service.Name)}\n### service `{service.Name}`\n\n{comments.Of(path)}\n\n"));
        page.Append("| RPC | request → response | statuses | what it does |\n|---|---|---|---|\n");
        for (var r = 0; r < service.Method.Count; r++)
        {
            var method = service.Method[r];
            var comment = comments.Of([.. path, SourceComments.Method, r]);
            var errors = comment.IndexOf(ErrorsMarker, StringComparison.Ordinal);
            if (errors < 0)
            {
                throw new UndocumentedApiException($"{package}.{service.Name}.{method.Name}: its comment names no statuses (\"{ErrorsMarker} ...\").");
            }
            var statuses = string.Join(", ", StatusName().Matches(comment[errors..]).Select(m => $"`{m.Value}`").Distinct());
            var request = (method.ClientStreaming ? "stream " : "") + TypeLink(method.InputType);
            var response = (method.ServerStreaming ? "stream " : "") + TypeLink(method.OutputType);
            page.Append(CultureInvariant($"| `{method.Name}` | {request} → {response} | {statuses} | {Cell(comment)} |\n"));
        }
    }

    private static void WriteMessage(StringBuilder page, string scope, DescriptorProto message, SourceComments comments, int[] path)
    {
        if (message.Options?.MapEntry == true)
        {
            return;
        }
        var fullName = scope + "." + message.Name;
        page.Append(CultureInvariant($"\n{Anchor(fullName)}\n### message `{fullName[(fullName.IndexOf(".v", StringComparison.Ordinal) + 4)..]}`\n\n{comments.Of(path)}\n\n"));
        if (message.Field.Count > 0)
        {
            page.Append("| field | number | type | JSON name | meaning |\n|---|---|---|---|---|\n");
            for (var f = 0; f < message.Field.Count; f++)
            {
                var field = message.Field[f];
                page.Append(CultureInvariant(
                    $"| `{field.Name}` | {field.Number} | {FieldType(field, message)} | `{field.JsonName}` | {Cell(comments.Of([.. path, SourceComments.MessageField, f]))} |\n"));
            }
        }
        for (var n = 0; n < message.NestedType.Count; n++)
        {
            WriteMessage(page, fullName, message.NestedType[n], comments, [.. path, SourceComments.NestedType, n]);
        }
        for (var e = 0; e < message.EnumType.Count; e++)
        {
            WriteEnum(page, fullName + "." + message.EnumType[e].Name, message.EnumType[e], comments, [.. path, SourceComments.NestedEnum, e]);
        }
    }

    private static void WriteEnum(StringBuilder page, string fullName, EnumDescriptorProto @enum, SourceComments comments, int[] path)
    {
        page.Append(CultureInvariant($"\n{Anchor(fullName)}\n### enum `{fullName[(fullName.IndexOf(".v", StringComparison.Ordinal) + 4)..]}`\n\n{comments.Of(path)}\n\n"));
        page.Append("| value | number | meaning |\n|---|---|---|\n");
        for (var v = 0; v < @enum.Value.Count; v++)
        {
            var value = @enum.Value[v];
            page.Append(CultureInvariant($"| `{value.Name}` | {value.Number} | {Cell(comments.Of([.. path, SourceComments.EnumValue, v]))} |\n"));
        }
    }

    /// <summary>The field's type as a .proto file spells it, with links to the project's own types.</summary>
    private static string FieldType(FieldDescriptorProto field, DescriptorProto owner)
    {
        if (field.Type == FieldDescriptorProto.Types.Type.Message
            && owner.NestedType.FirstOrDefault(n => n.Options?.MapEntry == true && field.TypeName.EndsWith("." + n.Name, StringComparison.Ordinal)) is { } entry)
        {
            return $"map&lt;{FieldType(entry.Field[0], entry)}, {FieldType(entry.Field[1], entry)}&gt;";
        }
        var type = field.Type is FieldDescriptorProto.Types.Type.Message or FieldDescriptorProto.Types.Type.Enum
            ? TypeLink(field.TypeName)
            : field.Type.ToString().ToLowerInvariant();
        var label = field.Label == FieldDescriptorProto.Types.Label.Repeated ? "repeated "
            : field.Proto3Optional ? "optional "
            : field.HasOneofIndex ? $"oneof `{owner.OneofDecl[field.OneofIndex].Name}`: "
            : "";
        return label + type;
    }

    private static string TypeLink(string typeName)
    {
        var name = typeName.TrimStart('.');
        return name.StartsWith(OwnPrefix, StringComparison.Ordinal)
            ? $"[`{name[(name.IndexOf(".v", StringComparison.Ordinal) + 4)..]}`](#{name.Replace('.', '-')})"
            : $"`{name}`";
    }

    private static string Anchor(string fullName) => $"<a id=\"{fullName.Replace('.', '-')}\"></a>";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"\b(CANCELLED|UNKNOWN|INVALID_ARGUMENT|DEADLINE_EXCEEDED|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|ABORTED|OUT_OF_RANGE|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|DATA_LOSS|UNAUTHENTICATED)\b")]
    private static partial Regex StatusName();
}
