using System.Diagnostics;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// Looks for every accepted order in the read model: first by listing each region page by page
/// (ListOrderStatuses), then, for the orders not listed yet, one by one (GetOrderStatus) until each is found
/// or the time is up. Orders move between pages while events are still being applied, so the listing alone
/// may miss some; asking for them by id settles it.
/// </summary>
internal static class ReadModelCheck
{
    public static async Task<(long Found, TimeSpan Took)> FindAllAsync(RentalCalls calls, IReadOnlyCollection<AcceptedOrder> accepted,
        TimeSpan timeout, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var missing = accepted.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        foreach (var region in accepted.Select(o => o.Region).Distinct())
        {
            var token = "";
            do
            {
                var page = await calls.ListAsync(region, token);
                foreach (var order in page.Orders)
                {
                    missing.Remove(order.OrderId);
                }
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }
        await progress.WriteLineAsync($"read model: {accepted.Count - missing.Count:N0} of {accepted.Count:N0} accepted orders listed; asking for the rest by id...");
        while (missing.Count > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = await FindEachAsync(calls, missing.Take(2000).ToList());
            missing.ExceptWith(found);
            if (missing.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
        return (accepted.Count - missing.Count, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<List<string>> FindEachAsync(RentalCalls calls, List<string> orderIds)
    {
        var found = new List<string>();
        await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (orderId, _) =>
        {
            if (await calls.FindProgressAsync(orderId) is not null)
            {
                lock (found)
                {
                    found.Add(orderId);
                }
            }
        });
        return found;
    }
}
