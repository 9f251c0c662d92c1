using System.Globalization;
using PurifierRental.ServiceDefaults.SharedKernel;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>Checks of request fields; a bad field fails the call with INVALID_ARGUMENT naming it.</summary>
public static class RequestValidation
{
    /// <summary>An id by the one rule every context shares (<see cref="Identifier"/>).</summary>
    public static string RequireId(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidRequestException(field, $"{field} is required.");
        }
        if (!Identifier.IsValid(value))
        {
            throw new InvalidRequestException(field, $"{field} must be {Identifier.Rule}.");
        }
        return value;
    }

    public static TEnum DefinedEnum<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new InvalidRequestException(field, $"{field} has an unknown value {Convert.ToInt32(value, CultureInfo.InvariantCulture)}.");
}
