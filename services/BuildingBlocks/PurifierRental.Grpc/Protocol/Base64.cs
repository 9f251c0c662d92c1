namespace PurifierRental.Grpc.Protocol;

internal static class Base64
{
    /// <summary>Binary metadata may arrive with or without padding; both must be accepted. Garbage is reported, not thrown.</summary>
    public static bool TryDecodeLenient(string value, out byte[] bytes)
    {
        var padding = (4 - value.Length % 4) % 4;
        var padded = padding == 0 ? value : value + new string('=', padding);
        bytes = new byte[padded.Length / 4 * 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        bytes = [];
        return false;
    }
}
