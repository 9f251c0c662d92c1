using System.Text.Json;
using Microsoft.Extensions.Logging;
using PurifierRental.ServiceDefaults.Api;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// An append-only list of ids kept as fixed-size pages in a Dapr state store: <c>&lt;list&gt;-head</c> holds how many
/// pages there are, <c>&lt;list&gt;-&lt;n&gt;</c> holds at most <see cref="PageCapacity"/> ids. Adding an id reads and
/// writes only the head and the last page, and reading reads the head and one page, so neither grows with the
/// list's history. It needs only get and save with ETags, which every state store offers (no query API).
/// An id is kept once per page; an id added again after its page filled up is listed again, so readers check
/// each id against its record, as they do for ids whose record was never stored.
/// </summary>
public sealed class PagedIndex(StateStoreClient state, string storeName, ILogger logger)
{
    /// <summary>The ids one page holds: the most a list call may read, so one call never reads more than one full page.</summary>
    public const int PageCapacity = Paging.MaxPageSize;

    private readonly AggregateStore<IndexHead> _heads = new(state, storeName, JsonSerializerOptions.Web, logger);
    private readonly AggregateStore<IndexPageDocument> _pages = new(state, storeName, JsonSerializerOptions.Web, logger);

    /// <summary>
    /// Appends the id to the list unless its last page already holds it, and returns the page that holds it
    /// (0 is the oldest), so that a record can remember where it is listed.
    /// </summary>
    public async Task<int> AddAsync(string list, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pages = await PageCountAsync(list, cancellationToken);
            var last = Math.Max(pages, 1) - 1;
            var added = await _pages.UpdateAsync(PageKey(list, last), loaded =>
            {
                var ids = loaded?.Snapshot.Ids ?? [];
                return ids.Contains(id) ? Decision<IndexPageDocument, bool>.Unchanged(true)
                    : ids.Count >= PageCapacity ? Decision<IndexPageDocument, bool>.Unchanged(false)
                    : new Decision<IndexPageDocument, bool>(new IndexPageDocument([.. ids, id]), null, true);
            }, cancellationToken);
            if (added)
            {
                if (pages == 0)
                {
                    // The first page exists now; the head names it, so readers look for it.
                    await AdvanceAsync(list, 0, cancellationToken);
                }
                return last;
            }
            // The last page is full: open the next one (whoever wins the race, the head moves on once) and append there.
            await AdvanceAsync(list, last + 1, cancellationToken);
        }
    }

    /// <summary>How many pages the list has; 0 for a list nobody has added to.</summary>
    public async Task<int> PageCountAsync(string list, CancellationToken cancellationToken) =>
        (await _heads.LoadAsync(HeadKey(list), cancellationToken))?.Snapshot.Pages ?? 0;

    /// <summary>The ids of page <paramref name="page"/> (0 is the oldest), in the order they were added.</summary>
    public async Task<IReadOnlyList<string>> ReadPageAsync(string list, int page, CancellationToken cancellationToken) =>
        (await _pages.LoadAsync(PageKey(list, page), cancellationToken))?.Snapshot.Ids ?? [];

    /// <summary>
    /// Up to <paramref name="pageSize"/> records from <paramref name="lists"/>, walked in that order, each list newest
    /// first, starting at <paramref name="from"/> (null: the start of the first list). One call reads at most one page
    /// of ids (the heads of lists found empty aside) and the records of those ids, <paramref name="pageSize"/> at a
    /// time, so it may return fewer records than asked for, even none, with a cursor to go on from.
    /// <paramref name="load"/> gets a list and ids of it, and returns the records among them that belong in that list, by id.
    /// </summary>
    /// <exception cref="InvalidRequestException"><paramref name="from"/> names a list that is not in <paramref name="lists"/> (a page token of another list).</exception>
    public async Task<IndexWalk<TRecord>> WalkAsync<TRecord>(IReadOnlyList<string> lists, IndexCursor? from, int pageSize,
        Func<string, IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, TRecord>>> load, CancellationToken cancellationToken)
    {
        var listIndex = from is null ? 0 : IndexOf(lists, from.List);
        var cursor = from ?? (lists.Count > 0 ? IndexCursor.Start(lists[0]) : null);
        while (cursor is not null && cursor.AtStart)
        {
            var pages = await PageCountAsync(cursor.List, cancellationToken);
            if (pages > 0)
            {
                cursor = cursor with { Page = pages - 1 };
                break;
            }
            cursor = ++listIndex < lists.Count ? IndexCursor.Start(lists[listIndex]) : null;
        }
        if (cursor is null)
        {
            return new IndexWalk<TRecord>([], null);
        }
        var ids = await ReadPageAsync(cursor.List, cursor.Page, cancellationToken);
        var items = new List<TRecord>();
        var position = Math.Min(cursor.End, ids.Count);
        while (position > 0 && items.Count < pageSize)
        {
            var chunk = ids.Take(position).TakeLast(pageSize).Reverse().ToList();
            var records = await load(cursor.List, chunk, cancellationToken);
            foreach (var id in chunk)
            {
                position--;
                if (records.TryGetValue(id, out var record))
                {
                    items.Add(record);
                    if (items.Count == pageSize)
                    {
                        break;
                    }
                }
            }
        }
        IndexCursor? next = position > 0 ? cursor with { End = position }
            : cursor.Page > 0 ? cursor with { Page = cursor.Page - 1, End = int.MaxValue }
            : listIndex + 1 < lists.Count ? IndexCursor.Start(lists[listIndex + 1])
            : null;
        return new IndexWalk<TRecord>(items, next);
    }

    /// <summary>Makes the head count at least <paramref name="lastPage"/> + 1 pages.</summary>
    private Task AdvanceAsync(string list, int lastPage, CancellationToken cancellationToken) =>
        _heads.UpdateAsync(HeadKey(list), loaded => (loaded?.Snapshot.Pages ?? 0) > lastPage
            ? Decision<IndexHead, bool>.Unchanged(false)
            : new Decision<IndexHead, bool>(new IndexHead(lastPage + 1), null, true), cancellationToken);

    private static int IndexOf(IReadOnlyList<string> lists, string list)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            if (lists[i] == list)
            {
                return i;
            }
        }
        throw new InvalidRequestException("page_token", "page_token belongs to another list; pass next_page_token from the previous page with the same filters.");
    }

    private static string HeadKey(string list) => list + "-head";

    private static string PageKey(string list, int page) => list + "-" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record IndexHead(int Pages);

    private sealed record IndexPageDocument(IReadOnlyList<string> Ids);
}
