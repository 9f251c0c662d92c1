namespace DevMesh.Runner;

/// <summary>How to start one app process: the resolved executable, its arguments, folder and full environment.</summary>
internal sealed record AppLaunch(
    string Executable,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment);
