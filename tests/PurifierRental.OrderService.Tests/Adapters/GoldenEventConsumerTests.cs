using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.OrderService.Adapters.Dapr;
using PurifierRental.OrderService.Application;
using PurifierRental.OrderService.Tests.Application;
using PurifierRental.OrderService.Tests.Domain;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.Testing;

namespace PurifierRental.OrderService.Tests.Adapters;

/// <summary>
/// The order consumes installation's and the management center's golden events as they travel (decoded as the
/// AppCallback decodes them), a previous producer's without optional details and a newer producer's with unknown
/// fields or case.
/// </summary>
public sealed class GoldenEventConsumerTests
{
    private static readonly TopicEventContext Context = GoldenDelivery.Context("installation", "installation-events");

    private readonly InMemoryOrderStore _store = new();

    [Theory]
    [InlineData("installation_completed")]
    [InlineData("previous/installation_completed")]
    [InlineData("next/installation_completed_with_unknown_field")]
    public async Task A_golden_completed_installation_completes_the_placed_order(string name)
    {
        await PlaceAsync();

        Assert.Equal(TopicEventOutcome.Success, await InstallationHandler().HandleAsync(GoldenDelivery.Decode<InstallationEvent>("installation", name), Context, default));
        Assert.Equal(OrderService.Domain.OrderStatus.Completed, (await _store.FindAsync("o-1", default))!.Status);
    }

    [Fact]
    public async Task A_golden_scheduled_installation_is_acknowledged_and_leaves_the_order_as_it_is()
    {
        await PlaceAsync();

        Assert.Equal(TopicEventOutcome.Success, await InstallationHandler().HandleAsync(GoldenDelivery.Decode<InstallationEvent>("installation", "installation_scheduled"), Context, default));
        Assert.Equal(OrderService.Domain.OrderStatus.Placed, (await _store.FindAsync("o-1", default))!.Status);
    }

    [Fact]
    public async Task A_golden_cancelled_installation_cancels_the_order()
    {
        await PlaceAsync();

        Assert.Equal(TopicEventOutcome.Success, await InstallationHandler().HandleAsync(GoldenDelivery.Decode<InstallationEvent>("installation", "installation_cancelled"), Context, default));
        Assert.Equal(OrderService.Domain.OrderStatus.Cancelled, (await _store.FindAsync("o-1", default))!.Status);
    }

    [Theory]
    [InlineData("engineer_assigned")]
    [InlineData("previous/engineer_assigned")]
    [InlineData("next/engineer_assigned_with_unknown_field")]
    [InlineData("assignment_pending")]
    public async Task A_golden_assignment_is_acknowledged_and_leaves_the_order_as_it_is(string name)
    {
        await PlaceAsync();

        Assert.Equal(TopicEventOutcome.Success, await AssignmentHandler().HandleAsync(GoldenDelivery.Decode<AssignmentEvent>("managementcenter", name), Context, default));
        Assert.Equal(OrderService.Domain.OrderStatus.Placed, (await _store.FindAsync("o-1", default))!.Status);
    }

    [Fact]
    public async Task A_golden_rejected_cancellation_of_an_order_nobody_asked_to_cancel_is_acknowledged_and_changes_nothing()
    {
        await PlaceAsync();

        Assert.Equal(TopicEventOutcome.Success, await AssignmentHandler().HandleAsync(GoldenDelivery.Decode<AssignmentEvent>("managementcenter", "cancellation_rejected"), Context, default));
        Assert.Equal(OrderService.Domain.OrderStatus.Placed, (await _store.FindAsync("o-1", default))!.Status);
    }

    [Fact]
    public async Task A_newer_installation_producers_unknown_case_is_acknowledged()
    {
        Assert.Equal(TopicEventOutcome.Success, await InstallationHandler().HandleAsync(GoldenDelivery.Decode<InstallationEvent>("installation", "next/unknown_event_case"), Context, default));
        Assert.Empty(_store.Published);
    }

    [Fact]
    public async Task A_newer_management_center_producers_unknown_case_is_acknowledged()
    {
        Assert.Equal(TopicEventOutcome.Success, await AssignmentHandler().HandleAsync(GoldenDelivery.Decode<AssignmentEvent>("managementcenter", "next/unknown_event_case"), Context, default));
        Assert.Empty(_store.Published);
    }

    private Task PlaceAsync() =>
        _store.UpdateAsync("o-1", _ => (OrderService.Domain.Order.Place("o-1", OrderFixtures.Application(), OrderFixtures.Now), true), default);

    private AssignmentEventsHandler AssignmentHandler() => new(new InstallationOutcomes(_store), NullLogger<AssignmentEventsHandler>.Instance);

    private InstallationEventsHandler InstallationHandler() => new(new InstallationOutcomes(_store), NullLogger<InstallationEventsHandler>.Instance);
}
