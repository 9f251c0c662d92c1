using Xunit;

namespace DevMesh.Tests.Runner;

/// <summary>
/// Processes of the apps' trees that a test expects to end with the mesh. Disposing kills whichever still
/// run, so that a failed test leaves no <c>sleep 300</c> behind for the tests after it.
/// </summary>
internal sealed class WatchedProcesses : IDisposable
{
    private readonly List<int> _pids = [];

    public IReadOnlyList<int> Pids => _pids;

    public void Add(IEnumerable<int> pids) => _pids.AddRange(pids);

    /// <summary>Asserts that every watched process has ended, giving them <paramref name="grace"/> to do so.</summary>
    public async Task AssertAllEndedAsync(TimeSpan grace) => Assert.Empty(await Processes.WaitUntilGoneAsync(_pids, grace));

    public void Dispose() => Processes.KillAll(_pids);
}
