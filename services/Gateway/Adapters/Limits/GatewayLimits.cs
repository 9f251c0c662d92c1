namespace PurifierRental.GatewayService.Adapters.Limits;

/// <summary>The <c>Gateway:Limits</c> section: how much one caller may ask, and how big one request may be.</summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway:Limits";

    /// <summary>Requests one caller (a token's subject, or an address without one) may make per <see cref="Window"/>.</summary>
    public int RequestsPerWindow { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body (JSON) or gRPC message accepted: the API's requests are a few hundred bytes.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}
