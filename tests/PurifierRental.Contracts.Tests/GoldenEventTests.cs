using Google.Protobuf;
using Google.Protobuf.Reflection;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.Testing;

namespace PurifierRental.Contracts.Tests;

/// <summary>
/// Every event case of every published envelope has a golden example beside its contract, and every golden
/// example of the current or previous version reads as its envelope with the strict parser; only a newer
/// producer's examples (golden/next) may carry what this version does not know.
/// </summary>
public class GoldenEventTests
{
    public static TheoryData<string, string> EventCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (context, envelope) in Envelopes)
        {
            foreach (var field in envelope.Oneofs.Single().Fields)
            {
                cases.Add(context, field.Name);
            }
        }
        return cases;
    }

    public static TheoryData<string, string> GoldenFiles()
    {
        var files = new TheoryData<string, string>();
        foreach (var (context, _) in Envelopes)
        {
            var folder = GoldenEvents.Folder(context);
            foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
            {
                files.Add(context, Path.GetRelativePath(folder, file));
            }
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(EventCases))]
    public void Every_event_case_has_a_golden_example(string context, string eventCase)
    {
        var envelope = Envelopes[context];
        var parsed = JsonParser.Default.Parse(GoldenEvents.Read(context, eventCase), envelope);

        Assert.Equal(eventCase, envelope.Oneofs.Single().Accessor.GetCaseFieldDescriptor(parsed)?.Name);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Golden_examples_of_this_and_the_previous_version_read_strictly(string context, string file)
    {
        var json = File.ReadAllText(Path.Combine(GoldenEvents.Folder(context), file));
        var envelope = Envelopes[context];

        if (file.StartsWith("next", StringComparison.Ordinal))
        {
            Assert.Throws<InvalidProtocolBufferException>(() => JsonParser.Default.Parse(json, envelope));
        }
        else
        {
            var parsed = JsonParser.Default.Parse(json, envelope);
            Assert.NotNull(envelope.Oneofs.Single().Accessor.GetCaseFieldDescriptor(parsed));
        }
    }

    private static readonly Dictionary<string, MessageDescriptor> Envelopes = new()
    {
        ["order"] = OrderEvent.Descriptor,
        ["managementcenter"] = AssignmentEvent.Descriptor,
        ["installation"] = InstallationEvent.Descriptor,
    };
}
