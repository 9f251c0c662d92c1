using DevMesh.Configuration;
using DevMesh.Configuration.Run;
using DevMesh.Sidecar.Invocation;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>
/// Runs a Multi-App Run template as <c>dapr run -f</c> does: for every app instance a sidecar in this
/// process, then the app's command as a child process with the environment <c>dapr run</c> gives it.
/// </summary>
public static class MeshRunner
{
    /// <summary>
    /// Loads <paramref name="templatePath"/> (a file, or a folder holding <c>dapr.yaml</c>), checks everything
    /// that can be checked before starting (apps, replicas, commands, resources), starts every instance and
    /// returns once each app listens on its port and its sidecar has attached to it.
    /// </summary>
    /// <exception cref="DevMeshConfigurationException">The template, a resource or an option is invalid; nothing was started.</exception>
    /// <exception cref="MeshRunnerException">An app could not start or exited while starting; everything started was stopped.</exception>
    public static async Task<RunningMesh> StartAsync(string templatePath, RunnerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templatePath);
        options ??= new RunnerOptions();
        var template = RunTemplate.Load(templatePath, options.TemplateOptions);
        var environment = new RunnerEnvironment(options.Environment);
        var plans = Plan(template, options, environment);
        var output = options.Output ?? Console.Out;
        var color = options.UseColor ?? (options.Output is null && !Console.IsOutputRedirected && string.IsNullOrEmpty(environment.Get("NO_COLOR")));
        var console = new MeshConsole(output, color, options.LogLevel ?? LogLevel.Information);
        foreach (var warning in template.Warnings)
        {
            console.Warn(warning.ToString());
        }

        var services = new MeshServices(new AppRegistry(), environment, console, new PortAllocator(), options.LogLevel, options.ShutdownTimeout);
        foreach (var port in plans.SelectMany(p => new[] { p.Spec.AppPort, p.Spec.DaprGrpcPort, p.Spec.DaprHttpPort }).OfType<int>())
        {
            services.Ports.Reserve(port);
        }

        var mesh = new RunningMesh(template, options, console, mesh => CreateInstances(plans, services, mesh));
        try
        {
            await mesh.StartAsync(cancellationToken);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    private static List<AppPlan> Plan(RunTemplate template, RunnerOptions options, RunnerEnvironment environment)
    {
        var duplicate = template.Apps.GroupBy(a => a.AppId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DevMeshConfigurationException(new ConfigurationSource(template.FilePath, $"app '{duplicate.Key}'", "appID"),
                "the app-id is used by more than one app; every app needs its own");
        }

        // DevMesh implements daprd's gRPC app channel only; an HTTP app would be called in a protocol it does not speak.
        var httpApp = template.Apps.FirstOrDefault(a => a.AppPort is not null && !AppProtocols.IsGrpc(a.AppProtocol));
        if (httpApp is not null)
        {
            throw new DevMeshConfigurationException(new ConfigurationSource(template.FilePath, $"app '{httpApp.AppId}'", "appProtocol"),
                $"appProtocol '{httpApp.AppProtocol}' is not supported: DevMesh calls apps over gRPC only (AppCallback); set 'appProtocol: grpc' "
                + "in the app or in 'common' (daprd's default is http)");
        }

        foreach (var (appId, count) in options.Replicas)
        {
            if (!template.Apps.Any(a => a.AppId == appId))
            {
                throw new DevMeshConfigurationException(
                    $"--replicas {appId}={count}: {template.FilePath} has no app '{appId}' (apps: {string.Join(", ", template.Apps.Select(a => a.AppId))})");
            }

            if (count < 1)
            {
                throw new DevMeshConfigurationException($"--replicas {appId}={count}: the number of replicas must be 1 or more");
            }
        }

        var path = environment.Get("PATH");
        return template.Apps.Select(app => new AppPlan(
                app,
                options.Replicas.TryGetValue(app.AppId, out var replicas) ? replicas : 1,
                app.Command.Count > 0 ? AppCommand.Resolve(app, template.FilePath, path) : null,
                ResourceLoader.Load(app.ResourcesPaths, app.AppId)))
            .ToList();
    }

    private static List<MeshAppInstance> CreateInstances(List<AppPlan> plans, MeshServices services, RunningMesh mesh)
    {
        var instances = new List<MeshAppInstance>();
        for (var index = 0; index < plans.Count; index++)
        {
            var plan = plans[index];
            var app = plan.Spec;
            for (var replica = 0; replica < plan.Replicas; replica++)
            {
                // Replica 0 takes the template's ports; the others get free ones (an app port only if the app has one).
                var first = replica == 0;
                var ports = new InstancePorts(
                    app.AppPort is null ? null : first ? app.AppPort : services.Ports.Next(),
                    first && app.DaprGrpcPort is { } grpc ? grpc : services.Ports.Next(),
                    first && app.DaprHttpPort is { } http ? http : services.Ports.Next(),
                    first && (app.DaprGrpcPort is not null || app.DaprHttpPort is not null),
                    first ? app.MetricsPort : null);
                var name = plan.Replicas > 1 ? $"{app.AppId}#{replica}" : app.AppId;
                var fileStem = first ? app.AppId : $"{app.AppId}-{replica}";
                var log = new InstanceLog(services.Console, app, name, fileStem, index);
                instances.Add(new MeshAppInstance(app, replica, name, ports, plan.Resources, plan.Command, services, log, mesh.OnAppExited));
            }
        }

        return instances;
    }

    private sealed record AppPlan(AppRunSpec Spec, int Replicas, (string Executable, IReadOnlyList<string> Arguments)? Command, ResourceSet Resources);
}
