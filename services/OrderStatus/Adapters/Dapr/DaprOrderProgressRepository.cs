using Microsoft.Extensions.Logging;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Domain;
using PurifierRental.ServiceDefaults.Api;
using PurifierRental.ServiceDefaults.State;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// The views in orderstatus-store, one key per order id, written with SaveState and an ETag (the read model
/// publishes no event, so no transaction or outbox), and the <see cref="ProgressLists"/> that page through them
/// with plain get and save, which every state store offers. A list call reads one index head, one index page and
/// the views it names, however many orders there are.
/// </summary>
internal sealed class DaprOrderProgressRepository(StateStoreClient state, DaprNames names, ILogger<DaprOrderProgressRepository> logger)
    : IOrderProgressRepository
{
    private static readonly IReadOnlyDictionary<string, int> NotListed = new Dictionary<string, int>();

    private readonly PagedIndex _index = new(state, names.StateStore, logger);

    public async Task<OrderProgress?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await ReadAsync(orderId, cancellationToken)).Stored?.ToDomain();

    public Task<OrderProgress?> UpdateAsync(string orderId, Func<OrderProgress?, OrderProgress?> change, CancellationToken cancellationToken) =>
        ETagRetry.RunAsync(async attempt =>
        {
            if (attempt > 1)
            {
                // Lost a race with another writer (the state client also recognises PostgreSQL's plain save error
                // for a first-write that found the view created meanwhile): decide again on the fresh view.
                logger.LogDebug("The view of {OrderId} changed concurrently; applying again (attempt {Attempt}).", orderId, attempt);
            }
            var (stored, etag) = await ReadAsync(orderId, cancellationToken);
            if (change(stored?.ToDomain()) is not { } next)
            {
                return null;
            }
            // The index first, the view second: a failure in between leaves an index entry whose view does not name
            // its page, which no list shows; the redelivered event adds the order again and the view names that page.
            var listedOn = new Dictionary<string, int>(stored?.ListedOn ?? NotListed, StringComparer.Ordinal);
            foreach (var list in ProgressLists.Of(next).Where(list => !listedOn.ContainsKey(list)))
            {
                listedOn[list] = await _index.AddAsync(list, orderId, cancellationToken);
            }
            // With an ETag the write replaces only what was read. Without one (a new view), first-write
            // refuses to replace a view that another replica created in the meantime.
            await state.SaveStateAsync(names.StateStore, Key(orderId), OrderProgressDocument.Serialize(next, listedOn), etag,
                StateConcurrency.FirstWrite, cancellationToken);
            return next;
        }, cancellationToken);

    public async Task<ProgressPage> ListAsync(ProgressFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var list = ProgressLists.For(filter);
        // The walk starts at a known page, so that the views it reads can be checked against that page.
        var from = cursor is null ? await NewestPageAsync(list, cancellationToken) : Resumed(cursor);
        if (from is null)
        {
            return new ProgressPage([], null);
        }
        var walk = await _index.WalkAsync<OrderProgress>([list], from, pageSize, async (_, orderIds, ct) =>
        {
            var entries = await state.GetBulkStateAsync(names.StateStore, [.. orderIds.Select(Key)], ct);
            return entries.Where(entry => entry.Exists)
                .Select(entry => OrderProgressDocument.Parse(entry.Data.Span))
                .Where(view => view.ListedOn.TryGetValue(list, out var page) && page == from.Page)
                .Select(view => view.ToDomain())
                .Where(filter.Matches)
                .ToDictionary(view => view.OrderId, StringComparer.Ordinal);
        }, cancellationToken);
        return new ProgressPage(walk.Items, walk.Next is { } next ? IndexPageToken.Encode(next) : null);
    }

    private async Task<IndexCursor?> NewestPageAsync(string list, CancellationToken cancellationToken) =>
        await _index.PageCountAsync(list, cancellationToken) is var pages and > 0 ? new IndexCursor(list, pages - 1, int.MaxValue) : null;

    /// <summary>A cursor this repository handed out names a page; one that does not was not made here.</summary>
    private static IndexCursor Resumed(string cursor) => IndexPageToken.Decode(cursor) is { AtStart: false } from
        ? from
        : throw new InvalidRequestException("page_token", "page_token is not a token this service returned; pass next_page_token from the previous page.");

    private async Task<(OrderProgressDocument? Stored, string? ETag)> ReadAsync(string orderId, CancellationToken cancellationToken)
    {
        var entry = await state.GetStateAsync(names.StateStore, Key(orderId), cancellationToken);
        return entry.Exists ? (OrderProgressDocument.Parse(entry.Data.Span), entry.ETag) : (null, null);
    }

    /// <summary>A view's key is its order id, escaped as every service escapes ids in keys (order ids are hex, which escaping leaves as they are).</summary>
    private static string Key(string orderId) => Uri.EscapeDataString(orderId);
}
