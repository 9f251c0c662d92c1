using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Tests.Domain;

public sealed class ProgressStatusTests
{
    [Theory]
    [InlineData(ProgressStatus.None, ProgressStatus.Placed, ProgressStatus.Placed)]
    [InlineData(ProgressStatus.Placed, ProgressStatus.Placed, ProgressStatus.Placed)]
    [InlineData(ProgressStatus.Placed, ProgressStatus.AssignmentPending, ProgressStatus.AssignmentPending)]
    [InlineData(ProgressStatus.AssignmentPending, ProgressStatus.EngineerAssigned, ProgressStatus.EngineerAssigned)]
    [InlineData(ProgressStatus.AssignmentPending, ProgressStatus.InstallationScheduled, ProgressStatus.InstallationScheduled)]
    [InlineData(ProgressStatus.EngineerAssigned, ProgressStatus.AssignmentPending, ProgressStatus.EngineerAssigned)]
    [InlineData(ProgressStatus.InstallationScheduled, ProgressStatus.EngineerAssigned, ProgressStatus.InstallationScheduled)]
    [InlineData(ProgressStatus.InstallationScheduled, ProgressStatus.Placed, ProgressStatus.InstallationScheduled)]
    [InlineData(ProgressStatus.InstallationScheduled, ProgressStatus.Completed, ProgressStatus.Completed)]
    [InlineData(ProgressStatus.Placed, ProgressStatus.Cancelled, ProgressStatus.Cancelled)]
    [InlineData(ProgressStatus.Completed, ProgressStatus.Cancelled, ProgressStatus.Completed)]
    [InlineData(ProgressStatus.Cancelled, ProgressStatus.Completed, ProgressStatus.Cancelled)]
    [InlineData(ProgressStatus.Cancelled, ProgressStatus.EngineerAssigned, ProgressStatus.Cancelled)]
    public void Advance_moves_up_only_and_stops_at_a_terminal_status(ProgressStatus current, ProgressStatus reached, ProgressStatus expected) =>
        Assert.Equal(expected, current.Advance(reached));

    [Fact]
    public void Advance_never_moves_back_from_any_status()
    {
        var statuses = Enum.GetValues<ProgressStatus>();
        foreach (var current in statuses)
        {
            foreach (var reached in statuses.Where(s => s != ProgressStatus.None))
            {
                var next = current.Advance(reached);
                Assert.True(next == current || next == reached, $"{current} + {reached} gave {next}");
                if (current.IsTerminal())
                {
                    Assert.Equal(current, next);
                }
                else if (!reached.IsTerminal())
                {
                    Assert.Equal((ProgressStatus)Math.Max((int)current, (int)reached), next);
                }
                else
                {
                    Assert.Equal(reached, next);
                }
            }
        }
    }

    [Theory]
    [InlineData(ProgressStatus.Completed, true)]
    [InlineData(ProgressStatus.Cancelled, true)]
    [InlineData(ProgressStatus.InstallationScheduled, false)]
    [InlineData(ProgressStatus.Placed, false)]
    public void Only_completed_and_cancelled_are_terminal(ProgressStatus status, bool terminal) => Assert.Equal(terminal, status.IsTerminal());
}
