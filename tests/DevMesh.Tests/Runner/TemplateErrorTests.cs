using DevMesh.Configuration;
using DevMesh.Runner;
using Xunit;

namespace DevMesh.Tests.Runner;

/// <summary>Whatever is wrong with a template or the options is reported before anything starts, naming the file and key.</summary>
public sealed class TemplateErrorTests
{
    [Fact]
    public async Task A_missing_template_names_the_path()
    {
        using var folder = new MeshFolder();

        var error = await Assert.ThrowsAsync<DevMeshConfigurationException>(() => MeshRunner.StartAsync(folder.Root, folder.Options(new StringWriter())));

        Assert.Equal($"{folder.TemplatePath}: run template not found", error.Message);
    }

    [Fact]
    public async Task A_template_without_appDirPath_names_the_file_the_app_and_the_key()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate("""
            version: 1
            apps:
              - appID: order
                command: ["sleep", "300"]
            """);

        var error = await StartRefusedAsync(folder);

        Assert.StartsWith(folder.TemplatePath, error.Message);
        Assert.Contains("app 'order'", error.Message);
        Assert.Equal("appDirPath", error.Key);
    }

    [Fact]
    public async Task A_command_that_is_not_on_PATH_is_reported_before_anything_starts()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(new TemplateApp("order", TestApps.Command("no-such-program-devmesh", "run")));

        var error = await StartRefusedAsync(folder);

        Assert.Equal($"{folder.TemplatePath}: app 'order': key 'command': 'no-such-program-devmesh' was not found on PATH", error.Message);
    }

    [Fact]
    public async Task A_relative_command_is_looked_up_in_appDirPath()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(new TemplateApp("order", TestApps.Command("./run.sh")));

        var error = await StartRefusedAsync(folder);

        Assert.Contains($"'./run.sh' does not exist (resolved to '{folder.PathOf("order", "run.sh")}')", error.Message);
    }

    [Fact]
    public async Task Replicas_of_an_app_the_template_does_not_have_are_refused()
    {
        using var folder = new MeshFolder();
        folder.WriteTemplate(new TemplateApp("order"));

        var error = await StartRefusedAsync(folder, new RunnerOptions { Replicas = new Dictionary<string, int> { ["ordr"] = 2 } });

        Assert.Equal($"--replicas ordr=2: {folder.TemplatePath} has no app 'ordr' (apps: order)", error.Message);
    }

    [Fact]
    public async Task Two_apps_with_one_app_id_are_refused()
    {
        using var folder = new MeshFolder();
        folder.App("a");
        folder.App("b");
        folder.WriteTemplate("""
            version: 1
            apps:
              - appID: order
                appDirPath: ./a
              - appID: order
                appDirPath: ./b
            """);

        var error = await StartRefusedAsync(folder);

        Assert.StartsWith($"{folder.TemplatePath}: app 'order': key 'appID'", error.Message);
    }

    /// <summary>The error that starting the folder's template fails with, before anything starts.</summary>
    private static Task<DevMeshConfigurationException> StartRefusedAsync(MeshFolder folder, RunnerOptions? options = null) =>
        Assert.ThrowsAsync<DevMeshConfigurationException>(() => MeshRunner.StartAsync(folder.TemplatePath, folder.Options(new StringWriter(), options)));
}
