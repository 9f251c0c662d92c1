using System.Collections.Concurrent;
using Grpc.Core;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.Order.V1;

namespace PurifierRental.EndToEnd.Tests.Crashes;

/// <summary>
/// Customers placing orders at a steady pace, each application once with its own request id, retried with that id
/// after a fault, as a careful client does, until the order is acknowledged or the load has drained.
/// </summary>
internal sealed class OrderLoad(Func<MeshClient> client, string region, TimeSpan interval)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, PlaceOrderRequest> _sent = new();
    private readonly ConcurrentDictionary<string, string> _acknowledged = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentDictionary<StatusCode, int> _faults = new();

    /// <summary>Every application sent, by customer id (each customer applies once).</summary>
    public IReadOnlyDictionary<string, PlaceOrderRequest> Sent => _sent;

    /// <summary>The order id each acknowledged application got, by customer id.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _acknowledged;

    /// <summary>Answers no retry can change (they should not happen).</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    /// <summary>How often each status made the client retry.</summary>
    public IReadOnlyDictionary<StatusCode, int> Faults => _faults;

    /// <summary>Sends a new application every interval until <paramref name="stop"/>; then retries what is unacknowledged until <paramref name="drained"/>.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken drained)
    {
        var placing = new List<Task>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var application = Rental.Application(region, customerId: $"crash-{region}-{n}");
            _sent[application.Customer.CustomerId] = application;
            placing.Add(PlaceAsync(application, drained));
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(placing);
    }

    private async Task PlaceAsync(PlaceOrderRequest application, CancellationToken drained)
    {
        while (!drained.IsCancellationRequested)
        {
            try
            {
                var response = await client().Orders.PlaceOrderAsync(application, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: drained);
                _acknowledged[application.Customer.CustomerId] = response.Order.OrderId;
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists or StatusCode.FailedPrecondition)
            {
                _refusals.Enqueue($"{application.Customer.CustomerId}: {e.Status}");
                return;
            }
            catch (RpcException e) when (!drained.IsCancellationRequested)
            {
                // The order may or may not be placed: the same request id finds out without placing it twice.
                _faults.AddOrUpdate(e.StatusCode, 1, (_, count) => count + 1);
            }
            catch (RpcException)
            {
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), drained);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
