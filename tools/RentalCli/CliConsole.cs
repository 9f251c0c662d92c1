namespace RentalCli;

/// <summary>Where the CLI writes and which environment it reads; tests pass their own.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliConsole System => new(Console.Out, Console.Error, global::System.Environment.GetEnvironmentVariable);
}
