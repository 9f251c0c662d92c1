namespace RentalCli.Tests.Infrastructure;

/// <summary>What one run of the CLI printed, with line ends as on Linux.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the CLI in process with its own stdout, stderr and environment, pointed at a gateway port.</summary>
public sealed class Cli(int gatewayPort)
{
    private readonly Dictionary<string, string> _environment = new() { ["RENTAL_GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public Cli With(string variable, string? value)
    {
        if (value is null)
        {
            _environment.Remove(variable);
        }
        else
        {
            _environment[variable] = value;
        }
        return this;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, interruptWhenPrinted: null);

    /// <summary>Runs the CLI and presses Ctrl+C as soon as stdout shows <paramref name="printed"/>.</summary>
    public Task<CliResult> InterruptAsync(string printed, params string[] args) => RunAsync(args, printed);

    private async Task<CliResult> RunAsync(string[] args, string? interruptWhenPrinted)
    {
        using var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var output = new InterruptingWriter(interruptWhenPrinted, interrupt);
        using var error = new StringWriter();
        var console = new CliConsole(output, error, variable => _environment.GetValueOrDefault(variable));
        var exitCode = await RentalApp.RunAsync(args, console, interrupt.Token);
        return new CliResult(exitCode, Unix(output), Unix(error));
    }

    private static string Unix(StringWriter writer) => writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Stdout that cancels the run, as Ctrl+C would, once it holds a given text.</summary>
    private sealed class InterruptingWriter(string? marker, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (marker is not null && ToString().Contains(marker, StringComparison.Ordinal))
            {
                interrupt.Cancel();
            }
        }
    }
}
