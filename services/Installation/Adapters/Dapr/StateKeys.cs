namespace PurifierRental.InstallationService.Adapters.Dapr;

/// <summary>
/// The state keys of this service. Ids are escaped so that no key can contain "||", which daprd reserves
/// for its app-id prefix and rejects.
/// </summary>
internal static class StateKeys
{
    public static string Installation(string orderId) => "installation-" + Uri.EscapeDataString(orderId);

    /// <summary>The paged list of an engineer's work orders (its pages are this, "-head" and "-&lt;n&gt;").</summary>
    public static string EngineerWorkOrders(string engineerId) => "workorder-pages-" + Uri.EscapeDataString(engineerId);
}
