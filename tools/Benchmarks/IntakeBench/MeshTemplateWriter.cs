using System.Text.RegularExpressions;

namespace PurifierRental.Benchmarks.IntakeBench;

/// <summary>
/// Writes the repository's dapr.yaml and components into a work folder, pointed at the benchmark's own Redis
/// and PostgreSQL and at free ports. Only hosts and ports change: the topology, the component settings
/// (redelivery pace, concurrency) and the policies are the ones the product runs with.
/// </summary>
internal static partial class MeshTemplateWriter
{
    private const string RedisHost = "localhost:6379";
    private const string PostgresConnection = "host=localhost port=5432 user=postgres password=postgres database=postgres";

    public static string Write(string repository, string workDirectory, string redisEndpoint, string postgresConnection, string configuration)
    {
        var components = Directory.CreateDirectory(Path.Combine(workDirectory, "components")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repository, "components"), "*.yaml"))
        {
            var yaml = File.ReadAllText(file);
            // A component left pointing at localhost would run the benchmark against a developer's own servers.
            if ((yaml.Contains("redisHost", StringComparison.Ordinal) && !yaml.Contains(RedisHost, StringComparison.Ordinal))
                || (yaml.Contains("connectionString", StringComparison.Ordinal) && !yaml.Contains(PostgresConnection, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{file} names a server this benchmark does not know how to replace; update {nameof(MeshTemplateWriter)}.");
            }
            yaml = yaml.Replace(RedisHost, redisEndpoint, StringComparison.Ordinal).Replace(PostgresConnection, postgresConnection, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(components, Path.GetFileName(file)), yaml);
        }
        var template = File.ReadAllText(Path.Combine(repository, "dapr.yaml"))
            .Replace("- ./components", "- " + components, StringComparison.Ordinal)
            .Replace("./config/", Path.Combine(repository, "config") + "/", StringComparison.Ordinal)
            .Replace("appDirPath: ./", "appDirPath: " + repository + "/", StringComparison.Ordinal)
            .Replace("bin/Release/", $"bin/{configuration}/", StringComparison.Ordinal);
        template = FixedPort().Replace(template, match => $"{match.Groups[1].Value}: {(match.Groups[1].Value == "appPort" ? PurifierRental.Testing.FreePort.Next() : 0)}");
        var path = Path.Combine(workDirectory, "dapr.yaml");
        File.WriteAllText(path, template);
        return path;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PurifierRental.sln")) && File.Exists(Path.Combine(directory.FullName, "dapr.yaml")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (PurifierRental.sln and dapr.yaml) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(appPort|daprGRPCPort|daprHTTPPort): \d+")]
    private static partial Regex FixedPort();
}
