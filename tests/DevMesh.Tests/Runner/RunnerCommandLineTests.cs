using DevMesh.Runner;
using Microsoft.Extensions.Logging;
using Xunit;

namespace DevMesh.Tests.Runner;

public sealed class RunnerCommandLineTests
{
    [Fact]
    public void Without_arguments_the_template_is_dapr_yaml_in_the_current_folder()
    {
        var commandLine = RunnerCommandLine.Parse([]);

        Assert.Equal("dapr.yaml", commandLine.TemplatePath);
        Assert.Empty(commandLine.Options.Replicas);
        Assert.Null(commandLine.Options.Restart);
        Assert.Null(commandLine.Options.LogLevel);
    }

    [Theory]
    [InlineData("deploy/dapr.yaml")]
    [InlineData("-f", "deploy/dapr.yaml")]
    [InlineData("--run-file", "deploy/dapr.yaml")]
    [InlineData("--run-file=deploy/dapr.yaml")]
    public void The_template_is_a_positional_argument_or_the_run_file_option(params string[] args) =>
        Assert.Equal("deploy/dapr.yaml", RunnerCommandLine.Parse(args).TemplatePath);

    [Theory]
    [InlineData("--replicas", "order=2", "--replicas", "installation=3")]
    [InlineData("--replicas", "order=2", "installation=3")]
    [InlineData("--replicas", "order=2,installation=3")]
    [InlineData("--replicas=order=2", "--replicas=installation=3")]
    public void Replicas_are_repeated_listed_or_comma_separated(params string[] args)
    {
        var replicas = RunnerCommandLine.Parse(args).Options.Replicas;

        Assert.Equal(2, replicas["order"]);
        Assert.Equal(3, replicas["installation"]);
    }

    [Fact]
    public void Options_and_the_template_mix_in_any_order()
    {
        var commandLine = RunnerCommandLine.Parse(["--restart", "--replicas", "order=2", "deploy", "--log-level", "warn"]);

        Assert.Equal("deploy", commandLine.TemplatePath);
        Assert.Equal(new RestartPolicy(), commandLine.Options.Restart);
        Assert.Equal(LogLevel.Warning, commandLine.Options.LogLevel);
        Assert.Equal(2, commandLine.Options.Replicas["order"]);
    }

    [Theory]
    [InlineData("unknown option '--replica'", "--replica", "order=2")]
    [InlineData("--replicas expects appid=N with N >= 1, got 'order=0'", "--replicas", "order=0")]
    [InlineData("--replicas expects appid=N with N >= 1, got 'order'", "--replicas", "order")]
    [InlineData("option '--log-level' needs a value", "--log-level")]
    [InlineData("--log-level expects debug, info, warn or error, got 'loud'", "--log-level", "loud")]
    [InlineData("more than one template given: 'a.yaml' and 'b.yaml'", "a.yaml", "b.yaml")]
    public void Mistakes_are_named(string message, params string[] args) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => RunnerCommandLine.Parse(args)).Message);

    [Fact]
    public void Help_wins_over_everything_else() =>
        Assert.True(RunnerCommandLine.Parse(["--replicas", "order=2", "--help"]).ShowHelp);
}
