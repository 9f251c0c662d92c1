using System.Text.Json;
using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// The views in orderstatus-store, one key per order id, written with SaveState and an ETag.
/// Not AggregateStore: the read model publishes no event (so no transaction or outbox), and a view must be
/// stored as JSON that the store's query API can read, which only SaveState with item metadata
/// <c>contentType: application/json</c> achieves: daprd hands transaction values and other SaveState values
/// to the store as bytes, which PostgreSQL keeps as base64 that no query can see into.
/// </summary>
internal sealed class DaprOrderProgressRepository(StateStoreClient state, DaprNames names, ILogger<DaprOrderProgressRepository> logger)
    : IOrderProgressRepository
{
    private static readonly IReadOnlyDictionary<string, string> JsonValue = new Dictionary<string, string> { ["contentType"] = "application/json" };

    public async Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await ReadAsync(orderId, cancellationToken)).View;

    public Task<OrderProgress?> UpdateAsync(string orderId, Func<OrderProgress?, OrderProgress?> change, CancellationToken cancellationToken) =>
        ETagRetry.RunAsync(async attempt =>
        {
            if (attempt > 1)
            {
                // Lost a race with another writer (the state client also recognises PostgreSQL's plain save error
                // for a first-write that found the view created meanwhile): decide again on the fresh view.
                logger.LogDebug("The view of {OrderId} changed concurrently; applying again (attempt {Attempt}).", orderId, attempt);
            }
            var (current, etag) = await ReadAsync(orderId, cancellationToken);
            if (change(current) is not { } next)
            {
                return null;
            }
            // With an ETag the write replaces only what was read. Without one (a new view), first-write
            // refuses to replace a view that another replica created in the meantime.
            await state.SaveStateAsync(names.StateStore, orderId, OrderProgressDocument.Serialize(next), etag,
                StateConcurrency.FirstWrite, cancellationToken, JsonValue);
            return next;
        }, cancellationToken);

    public async Task<ProgressPage> ListAsync(ProgressFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var query = ProgressQuery.Build(filter, pageSize, cursor);
        // Each value as JSON, so that a row which is not a view is skipped alone instead of failing the page.
        var (items, token) = await state.QueryStateAsync<JsonElement>(names.StateStore, query, cancellationToken: cancellationToken);
        var views = items.Select(item => Readable(item.Key, item.Value)).OfType<OrderProgress>().ToList();
        // A short page is the last: the store still hands out a token for it, which would only lead to an empty page.
        return new ProgressPage(views, items.Count < pageSize ? null : token);
    }

    private async Task<(OrderProgress? View, string? ETag)> ReadAsync(string orderId, CancellationToken cancellationToken)
    {
        var entry = await state.GetStateAsync(names.StateStore, orderId, cancellationToken);
        return entry.Exists ? (OrderProgressDocument.Deserialize(entry.Data.Span), entry.ETag) : (null, null);
    }

    /// <summary>
    /// daprd's PostgreSQL query is not limited to this app's keys, and a value saved without the JSON content
    /// type comes back as a base64 string: such a row is not a view, and is skipped rather than fail the page.
    /// </summary>
    private OrderProgress? Readable(string key, JsonElement value)
    {
        try
        {
            return OrderProgressDocument.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value));
        }
        catch (JsonException e)
        {
            logger.LogWarning("Skipping '{Key}' in {Store}: it is not an order progress view ({Problem}).", key, names.StateStore, e.Message);
            return null;
        }
    }
}
