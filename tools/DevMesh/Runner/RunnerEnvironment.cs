namespace DevMesh.Runner;

/// <summary>The runner's own environment: the process environment with <see cref="RunnerOptions.Environment"/> on top.</summary>
internal sealed class RunnerEnvironment(IReadOnlyDictionary<string, string?> overrides)
{
    public IReadOnlyDictionary<string, string?> Overrides { get; } = overrides;

    public string? Get(string name) =>
        Overrides.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name);

    /// <summary>A variable that counts only when it holds something, as daprd reads its tokens.</summary>
    public string? GetNonEmpty(string name) => Get(name) is { Length: > 0 } value ? value : null;
}
