namespace PurifierRental.InstallationService.Tests.Support;

using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.InstallationService.Application;
using PurifierRental.InstallationService.Domain;

/// <summary>The use cases over in-memory ports, and builders of test data.</summary>
internal sealed class InstallationFixture
{
    public static readonly AssignedEngineer Kim = new("eng-seoul-1", "Kim Minjun", "010-1000-0001", "seoul");
    public static readonly AssignedEngineer Lee = new("eng-seoul-2", "Lee Seoyeon", "010-1000-0002", "seoul");

    public InMemoryInstallationRepository Installations { get; } = new();

    public InstallationFixture()
    {
        Index = new InMemoryWorkOrderIndex(Installations);
    }

    public InMemoryWorkOrderIndex Index { get; }

    public ManualClock Clock { get; } = new();

    public ScheduleInstallation Schedule => new(Installations, Index, Clock, NullLogger<ScheduleInstallation>.Instance);

    public CompleteInstallation Complete => new(Installations, Clock, NullLogger<CompleteInstallation>.Instance);

    public CancelInstallation Cancel => new(Installations, Clock, NullLogger<CancelInstallation>.Instance);

    public InstallationQueries Queries => new(Installations, Index);

    public static WorkOrderDetails WorkOrder(string orderId, AssignedEngineer? engineer = null, string date = "2026-12-01") =>
        new(orderId, engineer ?? Kim, new Customer("cust-1", "Hong Gildong", "010-9999-0000"), "PURI-100",
            new InstallationAddress("1 Teheran-ro", "101-1201", "06236"), "seoul", date);
}
