namespace DevMesh.Runner;

/// <summary>
/// How <c>--restart</c> brings a crashed app back, as the kubelet restarts a crashed container: after 10 s, then
/// twice as long after each further crash, at most 5 minutes; a run of 10 minutes without a crash starts over.
/// </summary>
public sealed record RestartPolicy
{
    /// <summary>The wait before the first restart.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait, however often the app crashed.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An app that ran this long before crashing counts as crashing for the first time.</summary>
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait before restart number <paramref name="restart"/> (1 for the first) of a crash loop.</summary>
    public TimeSpan DelayBefore(int restart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restart, 1);
        var delay = InitialDelay;
        for (var i = 1; i < restart && delay < MaxDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }
}
