namespace PurifierRental.Testing;

/// <summary>
/// The golden events kept beside each event contract (protos/purifierrental/&lt;context&gt;/v1/golden): protobuf JSON
/// exactly as it travels. The current shapes sit in golden/, a previous version's in golden/previous/ and a newer
/// producer's in golden/next/.
/// </summary>
public static class GoldenEvents
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository's protos/ folder.</summary>
    public static string ProtoRoot => Path.Combine(Root.Value, "protos");

    /// <summary>The golden folder of a bounded context, e.g. "order" or "managementcenter".</summary>
    public static string Folder(string context) => Path.Combine(ProtoRoot, "purifierrental", context, "v1", "golden");

    /// <summary>A golden event's JSON, e.g. Read("order", "order_placed") or Read("order", "next/unknown_event_case").</summary>
    public static string Read(string context, string name) => File.ReadAllText(Path.Combine(Folder(context), name + ".json"));

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
