namespace PurifierRental.Deployment.Tests;

/// <summary>One line of deploy/apps.tsv.</summary>
internal sealed record AppRow(string AppId, string Project, int Port, string Exposure, IReadOnlyDictionary<string, int> PublicPorts, int MinReplicas, int MaxReplicas)
{
    public static IReadOnlyList<AppRow> ReadAll() =>
        [.. File.ReadAllLines(Repository.PathOf("deploy/apps.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new AppRow(f[0], f[1], int.Parse(f[2]), f[3], ParsePorts(f[4]), int.Parse(f[5]), int.Parse(f[6])))];

    /// <summary>"http:8080,grpc-public:8081" as name to port; "-" for none.</summary>
    private static Dictionary<string, int> ParsePorts(string field) =>
        field == "-" ? [] : field.Split(',').Select(p => p.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1]));
}
