using System.Globalization;

namespace DevMesh.Configuration.Yaml;

/// <summary>Scalar conversions with the rules of the Go code that reads the same files.</summary>
internal static class YamlText
{
    /// <summary>Go's strconv.ParseBool, plus the yes/no/on/off spellings YAML 1.1 users write.</summary>
    public static bool TryParseBool(string value, out bool result)
    {
        switch (value.Trim())
        {
            case "1" or "t" or "T" or "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                result = true;
                return true;
            case "0" or "f" or "F" or "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    public static bool TryParseLong(string value, out long result) =>
        long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    public static bool TryParseInt(string value, out int result) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
}
