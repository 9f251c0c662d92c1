namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>Polls until an asynchronous condition holds: events take a few milliseconds to travel through the mesh.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        await ValueAsync(async () => await condition() ? true : (bool?)null, timeout, what);
    }

    /// <summary>Returns the first non-null value <paramref name="probe"/> yields; the last exception is kept for the failure message.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e)
            {
                last = e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}." + (last is null ? "" : $" Last error: {last.Message}"), last);
    }
}
