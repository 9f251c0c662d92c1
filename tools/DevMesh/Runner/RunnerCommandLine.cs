using System.Globalization;
using DevMesh.Configuration.Run;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>The <c>devmesh</c> command line, parsed.</summary>
internal sealed record RunnerCommandLine
{
    public const string Usage = """
        Usage: devmesh [dapr.yaml | folder] [options]

        Runs a Dapr Multi-App Run template: one sidecar per app instance, then each app's command.

        Arguments:
          dapr.yaml | folder        the template, or a folder holding dapr.yaml (default: ./dapr.yaml)

        Options:
          -f, --run-file <path>     the template, as 'dapr run -f' takes it
          --replicas <appid=N>...   run N instances of an app, each with its own sidecar and ports;
                                    repeat the option or list several: --replicas order=2 installation=3
          --restart                 bring an app that exits back, as Kubernetes would: after 10 s, doubling
                                    up to 5 min after each further exit (without it, the app stays stopped
                                    and the rest of the mesh, its sidecar included, keeps running)
          --log-level <level>       debug, info, warn or error: the runner's messages and every sidecar's
                                    (default: info for the runner, each app's logLevel for its sidecar)
          -h, --help                show this help

        Ctrl+C or SIGTERM stops every app (SIGTERM, then SIGKILL to its whole process tree after 5 s);
        if devmesh itself is killed, its apps get SIGKILL. The exit code is 1 when an app could not start
        or exited with a failure, 2 for an invalid command line or template.
        """;

    public string TemplatePath { get; init; } = RunTemplate.DefaultFileName;

    public RunnerOptions Options { get; init; } = new();

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; a <see cref="FormatException"/> names the argument that is wrong.</summary>
    public static RunnerCommandLine Parse(IReadOnlyList<string> args)
    {
        string? template = null;
        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        var restart = false;
        LogLevel? level = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    return new RunnerCommandLine { ShowHelp = true };
                case "--restart":
                    restart = true;
                    break;
                case "--log-level":
                    level = ParseLevel(inline ?? Next(args, ref i, name));
                    break;
                case "-f" or "--run-file":
                    template = SetTemplate(template, inline ?? Next(args, ref i, name));
                    break;
                case "--replicas":
                    AddReplicas(replicas, inline ?? Next(args, ref i, name));

                    // Further appid=N values may follow without repeating the option.
                    while (i + 1 < args.Count && !args[i + 1].StartsWith('-') && args[i + 1].Contains('=', StringComparison.Ordinal))
                    {
                        AddReplicas(replicas, args[++i]);
                    }

                    break;
                default:
                    if (name.StartsWith('-') && name.Length > 1)
                    {
                        throw new FormatException($"unknown option '{args[i]}'");
                    }

                    template = SetTemplate(template, args[i]);
                    break;
            }
        }

        return new RunnerCommandLine
        {
            TemplatePath = template ?? RunTemplate.DefaultFileName,
            Options = new RunnerOptions { Replicas = replicas, Restart = restart ? new RestartPolicy() : null, LogLevel = level },
        };
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string option) =>
        i + 1 < args.Count ? args[++i] : throw new FormatException($"option '{option}' needs a value");

    private static string SetTemplate(string? current, string value) =>
        current is null ? value : throw new FormatException($"more than one template given: '{current}' and '{value}'");

    private static void AddReplicas(Dictionary<string, int> replicas, string value)
    {
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(item[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new FormatException($"--replicas expects appid=N with N >= 1, got '{item}'");
            }

            replicas[item[..equals]] = count;
        }
    }

    private static LogLevel ParseLevel(string value) => value.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new FormatException($"--log-level expects debug, info, warn or error, got '{value}'"),
    };
}
