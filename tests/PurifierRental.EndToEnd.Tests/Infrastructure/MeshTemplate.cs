using System.Text.RegularExpressions;

namespace PurifierRental.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Writes the repository's components and a copy of its dapr.yaml into a work folder, pointed at the
/// test's own Redis and PostgreSQL servers and at free ports, so a test mesh never meets a developer's.
/// Only hosts, ports, how often pending messages are looked at and the trace collector change; the policies and the topology are the real ones.
/// </summary>
public static partial class MeshTemplate
{
    public static string Write(string workDirectory, string redisEndpoint, string postgresConnectionString, string otlpEndpoint)
    {
        var repo = RepositoryRoot();
        var components = Directory.CreateDirectory(Path.Combine(workDirectory, "components")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, "components"), "*.yaml"))
        {
            var yaml = File.ReadAllText(file)
                .Replace("localhost:6379", redisEndpoint, StringComparison.Ordinal)
                .Replace("host=localhost port=5432 user=postgres password=postgres database=postgres", postgresConnectionString, StringComparison.Ordinal);
            // Pending messages are looked at every 500 ms (in bare milliseconds, the one form daprd reads) rather than
            // every 2 s. processingTimeout stays as configured: the inbound retries must end within it for daprd to
            // dead-letter a message (the dead-letter publish runs under that deadline), which some tests rely on.
            yaml = yaml.Replace("value: \"2000\"", "value: \"500\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(components, Path.GetFileName(file)), yaml);
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var template = File.ReadAllText(Path.Combine(repo, "dapr.yaml"))
            .Replace("- ./components", "- " + components, StringComparison.Ordinal)
            .Replace("./config/config.yaml", Path.Combine(repo, "config", "config.yaml"), StringComparison.Ordinal)
            .Replace("appDirPath: ./", "appDirPath: " + repo + "/", StringComparison.Ordinal)
            .Replace("bin/Release/", $"bin/{configuration}/", StringComparison.Ordinal)
            // Every app sends its traces to the test's collector.
            .Replace("    ASPNETCORE_ENVIRONMENT: Development\n",
                $"    ASPNETCORE_ENVIRONMENT: Development\n    OTEL_EXPORTER_OTLP_ENDPOINT: {otlpEndpoint}\n    OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf\n", StringComparison.Ordinal);
        template = FixedPort().Replace(template, match => $"{match.Groups[1].Value}: {(match.Groups[1].Value == "appPort" ? PurifierRental.Testing.FreePort.Next() : 0)}");
        // The gateway's public ports are free ones too, and its development signing key is the test's own.
        template = GatewayPort().Replace(template, match => $"{match.Groups[1].Value}: \"{PurifierRental.Testing.FreePort.Next()}\"")
            .Replace("    Gateway__GrpcPort:", $"    Authentication__DevelopmentKeyPath: {Path.Combine(workDirectory, "gateway-development-key")}\n    Gateway__GrpcPort:", StringComparison.Ordinal);
        var path = Path.Combine(workDirectory, "dapr.yaml");
        File.WriteAllText(path, template);
        return path;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PurifierRental.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (PurifierRental.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(appPort|daprGRPCPort|daprHTTPPort): \d+")]
    private static partial Regex FixedPort();

    [GeneratedRegex(@"(Gateway__HttpPort|Gateway__GrpcPort): ""\d+""")]
    private static partial Regex GatewayPort();
}
