using System.Text;

namespace PurifierRental.Grpc.Protocol;

/// <summary>
/// <c>grpc-message</c> is percent-encoded UTF-8: bytes outside printable ASCII, and '%' itself,
/// become %XX so that any text survives an HTTP/2 header.
/// </summary>
public static class StatusMessageEncoding
{
    public static string Encode(string message)
    {
        if (!NeedsEncoding(message))
        {
            return message;
        }
        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Decodes leniently: a malformed escape is kept as it is, as the protocol asks.</summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%'))
        {
            return value ?? "";
        }
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsEncoding(string message)
    {
        foreach (var c in message)
        {
            if (c is < (char)0x20 or > (char)0x7E or '%')
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
