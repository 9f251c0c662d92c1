using System.Text.RegularExpressions;

namespace RentalCli;

/// <summary>
/// Enum values as the contracts spell them: <c>ENGINEER_ASSIGNED</c> for ProgressStatus.EngineerAssigned,
/// <c>NOT_FOUND</c> for StatusCode.NotFound. People may type them in any case, with '-' or '_', and with the
/// prefix the protobuf JSON shows (<c>PROGRESS_STATUS_COMPLETED</c>).
/// </summary>
internal static partial class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => UpperSnake(value.ToString());

    /// <summary>The values a person may choose: every value but the zero "unspecified" one.</summary>
    public static IEnumerable<T> Choices<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Where(value => !EqualityComparer<T>.Default.Equals(value, default));

    /// <summary>The choices as an option's help shows them, e.g. <c>scheduled|completed|cancelled</c>.</summary>
    public static string Usage<T>() where T : struct, Enum =>
        string.Join('|', Choices<T>().Select(value => Of(value).ToLowerInvariant().Replace('_', '-')));

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var wanted = text.Trim().Replace('-', '_').ToUpperInvariant();
        var prefix = UpperSnake(typeof(T).Name) + "_";
        if (wanted.StartsWith(prefix, StringComparison.Ordinal))
        {
            wanted = wanted[prefix.Length..];
        }
        value = Choices<T>().FirstOrDefault(choice => Of(choice) == wanted);
        return !EqualityComparer<T>.Default.Equals(value, default);
    }

    private static string UpperSnake(string pascalCase) => WordBoundary().Replace(pascalCase, "_").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
