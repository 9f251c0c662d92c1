using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>
/// The runner's console: whole lines from many apps and sidecars, each behind its prefix
/// (<c>== APP - order ==</c>, <c>== DAPR - order ==</c>, <c>== DEVMESH ==</c>), coloured per app on a terminal.
/// </summary>
internal sealed class MeshConsole(TextWriter writer, bool color, LogLevel minimumLevel)
{
    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];

    private readonly Lock _gate = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public void Write(string prefix, int colorIndex, string text)
    {
        var line = color
            ? $"\u001b[{Palette[colorIndex % Palette.Length]}m{prefix}\u001b[0m {text}"
            : $"{prefix} {text}";
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>A message of the runner itself.</summary>
    public void Runner(LogLevel level, string message)
    {
        if (level < MinimumLevel)
        {
            return;
        }

        var text = level switch
        {
            >= LogLevel.Error => $"error: {message}",
            LogLevel.Warning => $"warning: {message}",
            _ => message,
        };
        var line = color && level >= LogLevel.Warning
            ? $"\u001b[1m== DEVMESH ==\u001b[0m \u001b[{(level >= LogLevel.Error ? "31" : "33")}m{text}\u001b[0m"
            : color ? $"\u001b[1m== DEVMESH ==\u001b[0m {text}" : $"== DEVMESH == {text}";
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Info(string message) => Runner(LogLevel.Information, message);

    public void Warn(string message) => Runner(LogLevel.Warning, message);

    public void Error(string message) => Runner(LogLevel.Error, message);
}
