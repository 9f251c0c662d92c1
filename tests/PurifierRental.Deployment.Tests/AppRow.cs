namespace PurifierRental.Deployment.Tests;

/// <summary>One line of deploy/apps.tsv.</summary>
internal sealed record AppRow(string AppId, string Project, int Port, string Exposure, int MinReplicas, int MaxReplicas)
{
    public static IReadOnlyList<AppRow> ReadAll() =>
        [.. File.ReadAllLines(Repository.PathOf("deploy/apps.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new AppRow(f[0], f[1], int.Parse(f[2]), f[3], int.Parse(f[4]), int.Parse(f[5])))];
}
