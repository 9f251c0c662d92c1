using System.Globalization;

namespace DevMesh.Sidecar.Invocation;

/// <summary>The caller's deadline as gRPC sends it: <c>grpc-timeout</c>, at most eight digits and a unit.</summary>
internal static class GrpcTimeoutHeader
{
    public static TimeSpan? Parse(string? value)
    {
        if (value is not { Length: >= 2 and <= 9 } || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
