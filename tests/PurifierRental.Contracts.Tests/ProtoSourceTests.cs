namespace PurifierRental.Contracts.Tests;

/// <summary>
/// Every contract file is compiled and opens with its purpose. (buf's COMMENTS lint rules, run by
/// scripts/check-contracts.sh, check that every declaration inside says what it means.)
/// </summary>
public class ProtoSourceTests
{
    private static readonly string[] OwnedFolders =
        ["purifierrental/order", "purifierrental/managementcenter", "purifierrental/installation", "purifierrental/orderstatus"];

    /// <summary>The .proto files of the contracts tested here, as import paths.</summary>
    private static IEnumerable<string> OwnedProtoPaths =>
        OwnedFolders
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepoFiles.ProtoRoot, dir), "*.proto", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepoFiles.ProtoRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> OwnedProtoFiles => new(OwnedProtoPaths);

    [Fact]
    public void EveryOwnedProtoIsCompiledIntoTheContracts()
    {
        var compiled = Descriptors.BusinessFiles.Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(OwnedProtoPaths, compiled);
    }

    [Theory]
    [MemberData(nameof(OwnedProtoFiles))]
    public void FileOpensWithItsPurpose(string importPath) =>
        Assert.StartsWith("//", File.ReadLines(RepoFiles.Proto(importPath)).First(), StringComparison.Ordinal);
}
