using System.Text.Json;
using PurifierRental.OrderService.Application;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderService.Adapters.Dapr;

/// <summary>
/// One document per customer listing their order ids. It is written before the order itself (see
/// <see cref="OrderCommands.PlaceAsync"/>), with an ETag so concurrent placements never drop each other's ids.
/// </summary>
public sealed class DaprCustomerOrderIndex(StateStoreClient state, DaprNames names) : ICustomerOrderIndex
{
    public Task AddAsync(string customerId, string orderId, CancellationToken cancellationToken) =>
        ETagRetry.RunAsync(async _ =>
        {
            var entry = await state.GetStateAsync(names.StateStore, Key(customerId), cancellationToken);
            var ids = Read(entry);
            if (ids.Contains(orderId))
            {
                return false;
            }
            ids.Add(orderId);
            await state.SaveStateAsync(names.StateStore, Key(customerId), JsonSerializer.SerializeToUtf8Bytes(ids),
                entry.ETag, StateConcurrency.FirstWrite, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> OrderIdsAsync(string customerId, CancellationToken cancellationToken) =>
        Read(await state.GetStateAsync(names.StateStore, Key(customerId), cancellationToken));

    private static List<string> Read(StateEntry entry) =>
        entry.Exists && !entry.Data.IsEmpty ? JsonSerializer.Deserialize<List<string>>(entry.Data.Span) ?? [] : [];

    private static string Key(string customerId) => "customer-" + customerId;
}
