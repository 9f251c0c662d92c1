using Google.Protobuf.Reflection;

namespace PurifierRental.ApiReference;

/// <summary>
/// The leading comments of one .proto file's declarations, found by their source path: the field numbers that lead
/// from the file to the declaration in descriptor.proto (4 = message_type, 2 = field, 6 = service, ...).
/// </summary>
internal sealed class SourceComments(FileDescriptorProto file)
{
    public const int MessageType = 4;
    public const int EnumType = 5;
    public const int Service = 6;
    public const int MessageField = 2;
    public const int NestedType = 3;
    public const int NestedEnum = 4;
    public const int EnumValue = 2;
    public const int Method = 2;

    private readonly Dictionary<string, string> _byPath = (file.SourceCodeInfo?.Location ?? [])
        .Where(l => !string.IsNullOrWhiteSpace(l.LeadingComments))
        .GroupBy(l => Key(l.Path))
        .ToDictionary(g => g.Key, g => Tidy(g.First().LeadingComments));

    /// <summary>The comment, as one line of text; empty when the declaration has none.</summary>
    public string Of(IEnumerable<int> path) => _byPath.GetValueOrDefault(Key(path), "");

    private static string Key(IEnumerable<int> path) => string.Join('.', path);

    private static string Tidy(string comment) =>
        string.Join(' ', comment.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
