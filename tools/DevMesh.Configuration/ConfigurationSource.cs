namespace DevMesh.Configuration;

/// <summary>
/// Where a value came from: file (and line), subject and key. Used to build error and warning
/// messages that point at the exact line a person has to edit.
/// </summary>
public readonly record struct ConfigurationSource(string? FilePath, string? Subject, string? Key, int? Line = null)
{
    public ConfigurationSource WithKey(string key, int? line = null) => this with { Key = key, Line = line ?? Line };

    public ConfigurationSource WithSubject(string subject) => this with { Subject = subject };

    public string Describe(string problem)
    {
        var parts = new List<string>(4);
        if (!string.IsNullOrEmpty(FilePath))
        {
            parts.Add(Line is { } line ? $"{FilePath}:{line}" : FilePath);
        }

        if (!string.IsNullOrEmpty(Subject))
        {
            parts.Add(Subject);
        }

        if (!string.IsNullOrEmpty(Key))
        {
            parts.Add($"key '{Key}'");
        }

        parts.Add(problem);
        return string.Join(": ", parts);
    }
}
