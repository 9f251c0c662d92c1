namespace PurifierRental.Grpc.Tests.Infrastructure;

/// <summary>Folders of the repository, found from the test assembly's location so that any working directory works.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PurifierRental.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PurifierRental.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The node side of the interop suite: package.json, client.js, server.js.</summary>
    public static string Interop => Path.Combine(Root, "tests", "interop");
}
