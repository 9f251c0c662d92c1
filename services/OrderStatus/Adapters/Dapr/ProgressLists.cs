using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// The <see cref="ServiceDefaults.State.PagedIndex"/> lists of orderstatus-store: every order
/// (<c>progress-pages-all</c>), each region's and each customer's. An order joins a list when its view first has
/// what the list is about, so each list shows the orders newest first by when they joined it.
/// </summary>
internal static class ProgressLists
{
    private const string All = "progress-pages-all";

    /// <summary>The lists that show <paramref name="view"/>.</summary>
    public static IEnumerable<string> Of(OrderProgress view)
    {
        yield return All;
        if (view.Details.Region.Length > 0)
        {
            yield return Region(view.Details.Region);
        }
        if (view.Details.Customer?.CustomerId is { Length: > 0 } customerId)
        {
            yield return Customer(customerId);
        }
    }

    /// <summary>The narrowest list that holds every view <paramref name="filter"/> matches; the filter itself is applied to its records.</summary>
    public static string For(ProgressFilter filter) =>
        filter.CustomerId is { } customerId ? Customer(customerId)
        : filter.Region is { } region ? Region(region)
        : All;

    private static string Region(string region) => "progress-pages-region-" + Uri.EscapeDataString(region);

    private static string Customer(string customerId) => "progress-pages-customer-" + Uri.EscapeDataString(customerId);
}
