using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Application.Watching;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.OrderStatusService.Tests.Support;
using PurifierRental.ServiceDefaults.AppCallback;
using PurifierRental.Testing;
using InstallationProto = PurifierRental.Installation.V1;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

/// <summary>
/// The order status view consumes the golden events of all three topics as they travel: decoded as the
/// AppCallback decodes them and handed to the real handler. A previous producer's events (without optional
/// details) and a newer producer's (unknown fields, an unknown case) are acknowledged too.
/// </summary>
public sealed class GoldenEventTests
{
    private readonly InMemoryOrderProgressRepository _views = new();
    private readonly ProgressEventHandler _handler;

    public GoldenEventTests() => _handler = new ProgressEventHandler(
        new ProgressProjection(_views, new ProgressBroadcaster(), NullLogger<ProgressProjection>.Instance), NullLogger<ProgressEventHandler>.Instance);

    public static TheoryData<string, string> KnownCases() => new()
    {
        { "order", "order_placed" }, { "order", "order_cancellation_requested" }, { "order", "order_completed" }, { "order", "order_cancelled" },
        { "order", "previous/order_placed" }, { "order", "next/order_placed_with_unknown_field" },
        { "managementcenter", "engineer_assigned" }, { "managementcenter", "assignment_pending" }, { "managementcenter", "cancellation_rejected" },
        { "managementcenter", "previous/engineer_assigned" }, { "managementcenter", "next/engineer_assigned_with_unknown_field" },
        { "installation", "installation_scheduled" }, { "installation", "installation_completed" }, { "installation", "installation_cancelled" },
        { "installation", "previous/installation_completed" }, { "installation", "next/installation_completed_with_unknown_field" },
    };

    [Theory]
    [MemberData(nameof(KnownCases))]
    public async Task Each_golden_event_is_applied_to_the_view(string context, string name)
    {
        var (outcome, orderId) = await HandleAsync(context, name);

        Assert.Equal(TopicEventOutcome.Success, outcome);
        Assert.NotEqual(ProgressStatus.None, (await _views.FindAsync(orderId, default))!.Status);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("managementcenter")]
    [InlineData("installation")]
    public async Task A_newer_producers_unknown_case_is_acknowledged_and_changes_nothing(string context)
    {
        var (outcome, orderId) = await HandleAsync(context, "next/unknown_event_case");

        Assert.Equal(TopicEventOutcome.Success, outcome);
        Assert.Null(await _views.FindAsync(orderId, default));
    }

    [Fact]
    public async Task The_golden_lifecycle_ends_with_a_completed_order_and_its_details()
    {
        foreach (var (context, name) in new[]
        {
            ("order", "order_placed"), ("managementcenter", "engineer_assigned"), ("installation", "installation_scheduled"),
            ("installation", "installation_completed"), ("order", "order_completed"),
        })
        {
            Assert.Equal(TopicEventOutcome.Success, (await HandleAsync(context, name)).Outcome);
        }

        var view = (await _views.FindAsync("o-1", default))!;
        Assert.Equal(ProgressStatus.Completed, view.Status);
        Assert.Equal("eng-7", view.Engineer?.EngineerId);
        Assert.Equal("2026-12-01", view.ScheduledDate);
    }

    [Fact]
    public async Task A_previous_producers_placement_without_optional_details_shows_them_empty()
    {
        Assert.Equal(TopicEventOutcome.Success, (await HandleAsync("order", "previous/order_placed")).Outcome);

        var view = (await _views.FindAsync("o-2", default))!;
        Assert.Equal(ProgressStatus.Placed, view.Status);
        Assert.Equal("", view.Details.PreferredInstallationDate);
    }

    private async Task<(TopicEventOutcome Outcome, string OrderId)> HandleAsync(string context, string name)
    {
        var request = new TopicEventRequest { Data = ByteString.CopyFromUtf8(GoldenEvents.Read(context, name)), DataContentType = "application/json" };
        var delivery = new TopicEventContext("cloud-event-1", context, "com.dapr.event.sent", "pubsub", context, new Metadata());
        switch (context)
        {
            case "order":
                var order = Decode<OrderProto.OrderEvent>(request);
                return (await _handler.HandleAsync(order, delivery, default), order.OrderId);
            case "managementcenter":
                var assignment = Decode<McProto.AssignmentEvent>(request);
                return (await _handler.HandleAsync(assignment, delivery, default), assignment.OrderId);
            default:
                var installation = Decode<InstallationProto.InstallationEvent>(request);
                return (await _handler.HandleAsync(installation, delivery, default), installation.OrderId);
        }
    }

    private static T Decode<T>(TopicEventRequest request)
        where T : IMessage<T>, new()
    {
        var decoded = TopicEventDecoder.TryDecode(request, new T().Descriptor, out var error);
        Assert.True(decoded is T, error);
        return (T)decoded!;
    }
}
