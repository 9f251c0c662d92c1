namespace PurifierRental.Contracts.Tests;

/// <summary>Locates the repository's .proto sources from the test's output folder.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The protos/ folder.</summary>
    public static string ProtoRoot => Path.Combine(Root.Value, "protos");

    /// <summary>A .proto file by its import path, e.g. "purifierrental/order/v1/order.proto".</summary>
    public static string Proto(string importPath) => Path.Combine(ProtoRoot, importPath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PurifierRental.sln")) && Directory.Exists(Path.Combine(dir.FullName, "protos")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
