namespace PurifierRental.GatewayService.Adapters.Dapr;

/// <summary>The <c>Gateway:Apps</c> section: the app-ids the gateway's sidecar invokes.</summary>
public sealed class ServiceAppIds
{
    public const string Section = "Gateway:Apps";

    public string Order { get; set; } = "order";

    public string OrderStatus { get; set; } = "orderstatus";

    public string Installation { get; set; } = "installation";

    public string ManagementCenter { get; set; } = "managementcenter";
}
