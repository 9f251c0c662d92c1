using PurifierRental.Installation.V1;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Tests;

/// <summary>Statuses are typed and printed with the contracts' names, in whatever case a person types them.</summary>
public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("completed", ProgressStatus.Completed)]
    [InlineData("COMPLETED", ProgressStatus.Completed)]
    [InlineData("engineer-assigned", ProgressStatus.EngineerAssigned)]
    [InlineData("ENGINEER_ASSIGNED", ProgressStatus.EngineerAssigned)]
    [InlineData(" Assignment_Pending ", ProgressStatus.AssignmentPending)]
    [InlineData("PROGRESS_STATUS_COMPLETED", ProgressStatus.Completed)]
    public void A_status_is_read_in_any_case_with_dashes_or_underscores(string text, ProgressStatus status)
    {
        Assert.True(EnumNames.TryParse<ProgressStatus>(text, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("unspecified")]
    [InlineData("PROGRESS_STATUS_UNSPECIFIED")]
    [InlineData("INSTALLATION_STATUS_COMPLETED")]
    [InlineData("done")]
    [InlineData("")]
    public void Unspecified_and_unknown_names_are_not_statuses(string text) =>
        Assert.False(EnumNames.TryParse<ProgressStatus>(text, out _));

    [Fact]
    public void The_choices_leave_out_unspecified() =>
        Assert.Equal("scheduled|completed|cancelled", EnumNames.Usage<InstallationStatus>());

    [Fact]
    public void A_status_prints_as_the_contract_spells_it_without_its_prefix() =>
        Assert.Equal("INSTALLATION_SCHEDULED", EnumNames.Of(ProgressStatus.InstallationScheduled));
}
