namespace DevMesh.Configuration.Tests.Support;

/// <summary>Runs an operation that waits on a <see cref="ManualTimeProvider"/>, advancing the clock whenever it blocks on a timer.</summary>
public static class TimeDriver
{
    public static async Task<T> RunAsync<T>(ManualTimeProvider time, Func<Task<T>> start, TimeSpan? limit = null)
    {
        var task = start();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var budget = time.GetUtcNow() + (limit ?? TimeSpan.FromDays(1));
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the operation neither completed nor waited on the manual clock");
            }

            // Let continuations reach their next await before looking at the timers.
            await Task.Delay(5);
            if (!task.IsCompleted && time.NextDue is { } due && due <= budget)
            {
                time.Advance(due - time.GetUtcNow());
            }
        }

        return await task;
    }
}
