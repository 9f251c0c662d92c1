using System.Collections.Concurrent;

namespace DevMesh.Runner;

/// <summary>
/// The one thread every app process is forked from. Linux sends an app's parent-death signal when the thread that
/// forked it ends, not the process, and the thread pool retires idle threads: an app forked from a pool thread
/// would be killed minutes later for no reason. This thread lives as long as the runner.
/// </summary>
internal static class LaunchThread
{
    private static readonly BlockingCollection<Action> Work = [];

    static LaunchThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var launch in Work.GetConsumingEnumerable())
            {
                launch();
            }
        })
        {
            IsBackground = true,
            Name = "devmesh app launcher",
        };
        thread.Start();
    }

    /// <summary>Runs <paramref name="launch"/> on the launcher thread and returns what it returns (or throws what it throws).</summary>
    public static T Run<T>(Func<T> launch)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                done.SetResult(launch());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }
}
