using System.Diagnostics;
using PurifierRental.ServiceDefaults.State;
using Xunit;

namespace PurifierRental.ServiceDefaults.Tests.State;

/// <summary>
/// daprd's outbox copies an upsert's metadata into the event it publishes and otherwise leaves the event's
/// <c>traceparent</c> empty: the upsert carries the current trace so that subscribers continue it.
/// </summary>
public sealed class StateTransactionTests
{
    [Fact]
    public void An_upsert_carries_the_current_trace_context_and_the_outbox_projection_does_not()
    {
        using var activity = new Activity("PlaceOrder").SetIdFormat(ActivityIdFormat.W3C);
        activity.TraceStateString = "purifierrental=1";
        activity.Start();

        var transaction = new StateTransaction("order-store").Upsert("order-1", "{}"u8.ToArray(), etag: "3").Publish("order-1", "{}"u8.ToArray());

        var upsert = transaction.Operations[0];
        var metadata = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(upsert.Metadata);
        Assert.Equal(activity.Id, metadata["traceparent"]);
        Assert.Equal("purifierrental=1", metadata["tracestate"]);
        Assert.False(transaction.Operations[1].Metadata!.ContainsKey("traceparent"));
    }

    [Fact]
    public void Outside_a_trace_an_upsert_has_no_metadata()
    {
        Activity.Current = null;

        var upsert = new StateTransaction("order-store").Upsert("order-1", "{}"u8.ToArray()).Operations[0];

        Assert.Null(upsert.Metadata);
    }
}
