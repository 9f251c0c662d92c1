using DevMesh.Configuration;

namespace DevMesh.Runner;

/// <summary>The <c>devmesh</c> command: run a template until Ctrl+C or SIGTERM.</summary>
internal static class DevMeshCli
{
    public const int Success = 0;
    public const int AppFailed = 1;
    public const int InvalidInput = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        RunnerCommandLine commandLine;
        try
        {
            commandLine = RunnerCommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"devmesh: {e.Message}{Environment.NewLine}{Environment.NewLine}{RunnerCommandLine.Usage}");
            return InvalidInput;
        }

        if (commandLine.ShowHelp)
        {
            await Console.Out.WriteLineAsync(RunnerCommandLine.Usage);
            return Success;
        }

        RunningMesh? mesh = null;
        using var signals = new ShutdownSignals(() => mesh?.KillAll());
        try
        {
            mesh = await MeshRunner.StartAsync(commandLine.TemplatePath, commandLine.Options, signals.Token);
        }
        catch (DevMeshConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"devmesh: {e.Message}");
            return InvalidInput;
        }
        catch (MeshRunnerException e)
        {
            await Console.Error.WriteLineAsync($"devmesh: {e.Message}");
            return AppFailed;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            return Success;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"devmesh: {e}");
            return AppFailed;
        }

        await using (mesh)
        {
            await Task.WhenAny(mesh.Completion, signals.Requested);
            return await mesh.StopAsync();
        }
    }
}
