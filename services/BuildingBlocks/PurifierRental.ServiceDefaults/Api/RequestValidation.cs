using System.Globalization;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>Checks of request fields; a bad field fails the call with INVALID_ARGUMENT naming it.</summary>
public static class RequestValidation
{
    private const int MaxIdLength = 128;

    public static string RequireId(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidRequestException(field, $"{field} is required.");
        }
        if (value.Length > MaxIdLength || value.Any(char.IsControl))
        {
            throw new InvalidRequestException(field, $"{field} must be at most {MaxIdLength} printable characters.");
        }
        return value;
    }

    public static TEnum DefinedEnum<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new InvalidRequestException(field, $"{field} has an unknown value {Convert.ToInt32(value, CultureInfo.InvariantCulture)}.");
}
