namespace PurifierRental.OrderStatusService.Domain;

/// <summary>
/// What the customer applied for. OrderPlaced carries it first-hand; EngineerAssigned carries a copy, and a
/// few other events the region, so a view learns whichever arrives first and completes it later.
/// </summary>
public sealed record OrderDetails(
    Customer? Customer, string ProductCode, InstallationAddress? InstallationAddress, string Region, string PreferredInstallationDate)
{
    public static readonly OrderDetails Unknown = new(null, "", null, "", "");

    /// <summary>These details, with each one that is missing taken from <paramref name="other"/>.</summary>
    public OrderDetails CompletedFrom(OrderDetails other) => new(
        Customer ?? other.Customer,
        OrOther(ProductCode, other.ProductCode),
        InstallationAddress ?? other.InstallationAddress,
        OrOther(Region, other.Region),
        OrOther(PreferredInstallationDate, other.PreferredInstallationDate));

    private static string OrOther(string value, string other) => value.Length > 0 ? value : other;
}
