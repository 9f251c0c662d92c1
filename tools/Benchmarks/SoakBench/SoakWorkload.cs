using System.Globalization;
using Center = PurifierRental.ManagementCenterService.Domain;
using Field = PurifierRental.InstallationService.Domain;

namespace PurifierRental.Benchmarks.SoakBench;

/// <summary>The orders of a run, history and measured alike: regions in turn, and within a region its engineers in turn.</summary>
internal sealed class SoakWorkload(int regions, int engineersPerRegion)
{
    private static readonly Center.Customer Customer = new("customer-1", "Hong Gildong", "010-9999-0000");

    public IEnumerable<(string EngineerId, string Region)> Engineers =>
        from r in Enumerable.Range(0, regions)
        from e in Enumerable.Range(0, engineersPerRegion)
        select (EngineerId(r, e), Region(r));

    /// <summary>Where history order <paramref name="i"/> went: its region and engineer.</summary>
    public (string Region, string EngineerId) RouteOf(int i) => (Region(i % regions), EngineerId(i % regions, i / regions % engineersPerRegion));

    public string RegionOf(int i) => Region(i % regions);

    public Center.OrderPlacement Placement(string orderId, string region, DateTimeOffset placedAt) =>
        new(orderId, region, Customer, "PURI-100", new Center.InstallationAddress("1 Teheran-ro", "101-1201", "06236"), "2026-12-24", placedAt);

    public Center.AssignedEngineer CenterEngineer(string engineerId, string region) => new(engineerId, "Engineer " + engineerId, "010-1000-0001", region);

    public Field.WorkOrderDetails WorkOrder(string orderId, string engineerId, string region) =>
        new(orderId, new Field.AssignedEngineer(engineerId, "Engineer " + engineerId, "010-1000-0001", region),
            new Field.Customer(Customer.CustomerId, Customer.Name, Customer.Phone), "PURI-100",
            new Field.InstallationAddress("1 Teheran-ro", "101-1201", "06236"), region, "2026-12-24");

    private static string Region(int r) => "region-" + r.ToString(CultureInfo.InvariantCulture);

    private static string EngineerId(int r, int e) => string.Create(CultureInfo.InvariantCulture, $"eng-{r}-{e}");
}
