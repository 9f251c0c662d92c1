using System.Text.RegularExpressions;

namespace PurifierRental.Contracts.Tests;

/// <summary>
/// Every declaration in the contracts says what it means: the .proto comments are the only
/// documentation a service implementer or a consumer of the topics gets.
/// </summary>
public partial class ProtoSourceTests
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
    public void EveryDeclarationIsCommented(string importPath)
    {
        var lines = File.ReadAllLines(RepoFiles.Proto(importPath));

        var uncommented = lines
            .Select((line, index) => (line, index))
            .Where(x => Declaration().IsMatch(x.line))
            .Where(x => x.index == 0 || !lines[x.index - 1].TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(x => $"{importPath}:{x.index + 1}: {x.line.Trim()}");

        Assert.Empty(uncommented);
    }

    [Theory]
    [MemberData(nameof(OwnedProtoFiles))]
    public void FileOpensWithItsPurpose(string importPath) =>
        Assert.StartsWith("//", File.ReadLines(RepoFiles.Proto(importPath)).First(), StringComparison.Ordinal);

    // A message, enum, service, oneof, rpc, field or enum value.
    [GeneratedRegex(@"^\s*((message|enum|service|oneof)\s+\w+\s*\{|rpc\s+\w+|(repeated\s+|optional\s+)?(map<[^>]+>|[\w.]+)\s+\w+\s*=\s*\d+|[A-Z][A-Z0-9_]*\s*=\s*\d+\s*;)")]
    private static partial Regex Declaration();
}
