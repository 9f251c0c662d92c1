using System.Text.Json;
using Google.Protobuf;
using PurifierRental.Dapr.Sidecar;
using PurifierRental.Dapr.State;
using PurifierRental.OrderService.Application;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// One document per customer listing their order ids. It is written before the order itself (see
/// <see cref="OrderCommands.PlaceAsync"/>), with an ETag so concurrent placements never drop each other's ids.
/// </summary>
public sealed class DaprCustomerOrderIndex(DaprSidecarClient dapr, OrderStoreOptions options) : ICustomerOrderIndex
{
    private const int MaxAttempts = 20;

    public async Task AddAsync(string customerId, string orderId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entry = await dapr.GetStateAsync(options.StateStore, Key(customerId), cancellationToken);
            var ids = Read(entry);
            if (ids.Contains(orderId))
            {
                return;
            }
            ids.Add(orderId);
            try
            {
                await dapr.SaveStateAsync(options.StateStore, Key(customerId), ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(ids)),
                    entry.ETag, StateConcurrency.FirstWrite, cancellationToken);
                return;
            }
            catch (StateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<string>> OrderIdsAsync(string customerId, CancellationToken cancellationToken) =>
        Read(await dapr.GetStateAsync(options.StateStore, Key(customerId), cancellationToken));

    private static List<string> Read(StateEntry entry) =>
        entry.Exists && !entry.Data.IsEmpty ? JsonSerializer.Deserialize<List<string>>(entry.Data.Span) ?? [] : [];

    private static string Key(string customerId) => "customer-" + customerId;
}
