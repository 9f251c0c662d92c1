namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// Runs an ETag-guarded read-decide-write again after it lost a race to a concurrent writer, with a short random
/// pause that grows with each attempt. After the last attempt the <see cref="StateConcurrencyException"/> goes to
/// the caller (ABORTED: try again). Only a real race is retried here: a store that refuses writes (which daprd's
/// Redis store also reports as an ETag mismatch) fails the first attempt, as <see cref="StateStoreClient"/> tells
/// the two apart, and the caller answers UNAVAILABLE.
/// </summary>
public static class ETagRetry
{
    public const int MaxAttempts = 20;

    public static async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number);
            }
            catch (StateConcurrencyException) when (number < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * number), cancellationToken);
            }
        }
    }
}
