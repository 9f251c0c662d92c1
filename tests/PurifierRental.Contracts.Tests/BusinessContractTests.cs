using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace PurifierRental.Contracts.Tests;

/// <summary>The business contracts have the RPCs, events and enums the services are built against.</summary>
public partial class BusinessContractTests
{
    private static IReadOnlyList<FileDescriptor> Files => Descriptors.BusinessFiles;

    public static TheoryData<string> EnumNames =>
        new(Descriptors.Enums(Descriptors.BusinessFiles).Select(e => e.FullName));

    public static TheoryData<string> MessageNames =>
        new(Descriptors.Messages(Descriptors.BusinessFiles).Select(m => m.FullName));

    [Theory]
    [MemberData(nameof(BusinessContractTable.Methods), MemberType = typeof(BusinessContractTable))]
    public void ServiceHasMethodWithShape(string service, string method, string request, string response, bool serverStreaming)
    {
        var descriptor = Descriptors.Service(Files, service);
        var rpc = descriptor.FindMethodByName(method);

        Assert.NotNull(rpc);
        Assert.Equal($"{descriptor.File.Package}.{request}", rpc.InputType.FullName);
        Assert.Equal($"{descriptor.File.Package}.{response}", rpc.OutputType.FullName);
        Assert.False(rpc.IsClientStreaming);
        Assert.Equal(serverStreaming, rpc.IsServerStreaming);
    }

    [Fact]
    public void ServicesDeclareOnlyTabledMethods()
    {
        var tabled = BusinessContractTable.Methods
            .Select(row => $"{row[0]}/{row[1]}")
            .Order(StringComparer.Ordinal);

        var declared = Descriptors.Services(Files)
            .SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(tabled, declared);
    }

    [Theory]
    [MemberData(nameof(BusinessContractTable.Envelopes), MemberType = typeof(BusinessContractTable))]
    public void EnvelopeCarriesIdentityCorrelationTimeAndItsEvents(string envelope, string topic, string[] cases)
    {
        var message = Descriptors.Message(Files, envelope);

        Assert.Equal("string", Describe(message, "event_id", 1));
        Assert.Equal("string", Describe(message, "order_id", 2));
        Assert.Equal("google.protobuf.Timestamp", Describe(message, "occurred_at", 3));

        var oneof = Assert.Single(message.Oneofs);
        Assert.Equal("event", oneof.Name);
        Assert.Equal(
            cases.Order(StringComparer.Ordinal),
            oneof.Fields.Select(f => $"{f.Name}={f.MessageType?.FullName}").Order(StringComparer.Ordinal));

        // Nothing but the envelope fields and the events: a consumer of the topic needs no more.
        Assert.Equal(3 + cases.Length, message.Fields.InDeclarationOrder().Count);
        Assert.EndsWith("_events.proto", message.File.Name, StringComparison.Ordinal);
        Assert.Contains($"\"{topic}\"", File.ReadAllText(RepoFiles.Proto(message.File.Name)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BusinessContractTable.StatusEnums), MemberType = typeof(BusinessContractTable))]
    public void StatusEnumHasItsValuesInOrder(string enumName, string[] values)
    {
        var declared = Descriptors.Enum(Files, enumName).Values;

        Assert.Equal(values, declared.Select(v => v.Name));
        Assert.Equal(Enumerable.Range(0, values.Length), declared.Select(v => v.Number));
    }

    [Theory]
    [MemberData(nameof(EnumNames))]
    public void EnumFollowsStyleGuide(string enumName)
    {
        var descriptor = Descriptors.Enum(Files, enumName);
        var prefix = ScreamingSnakeCase(descriptor.Name) + "_";

        var zero = descriptor.FindValueByNumber(0);
        Assert.NotNull(zero);
        Assert.Equal(prefix + "UNSPECIFIED", zero.Name);
        Assert.All(descriptor.Values, v => Assert.StartsWith(prefix, v.Name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void MessageFollowsStyleGuide(string messageName)
    {
        var message = Descriptors.Message(Files, messageName);

        Assert.Matches(PascalCase(), message.Name);
        Assert.All(message.Fields.InDeclarationOrder(), f => Assert.Matches(LowerSnakeCase(), f.Name));
        Assert.All(message.Oneofs, o => Assert.Matches(LowerSnakeCase(), o.Name));
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void InstantsAreTimestampsAndDaysAreStrings(string messageName)
    {
        foreach (var field in Descriptors.Message(Files, messageName).Fields.InDeclarationOrder())
        {
            if (field.Name.EndsWith("_at", StringComparison.Ordinal))
            {
                Assert.Equal("google.protobuf.Timestamp", Descriptors.Describe(field));
            }
            else if (field.Name.EndsWith("_date", StringComparison.Ordinal))
            {
                Assert.Equal("string", Descriptors.Describe(field));
            }
        }
    }

    [Fact]
    public void ListMethodsPageWithTokens()
    {
        var lists = Descriptors.Services(Files).SelectMany(s => s.Methods).Where(m => m.Name.StartsWith("List", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, lists.Count);
        Assert.All(lists, list =>
        {
            Assert.Equal("int32", Descriptors.Describe(list.InputType.FindFieldByName("page_size")));
            Assert.Equal("string", Descriptors.Describe(list.InputType.FindFieldByName("page_token")));
            Assert.Equal("string", Descriptors.Describe(list.OutputType.FindFieldByName("next_page_token")));
            Assert.Single(list.OutputType.Fields.InDeclarationOrder(), f => f.IsRepeated);
        });
    }

    [Theory]
    [MemberData(nameof(BusinessContractTable.ReadModelFields), MemberType = typeof(BusinessContractTable))]
    public void ReadModelCarriesField(string message, string field, string type)
    {
        var descriptor = Descriptors.Message(Files, message).FindFieldByName(field);

        Assert.NotNull(descriptor);
        Assert.Equal(type, Descriptors.Describe(descriptor));
    }

    [Fact]
    public void OrderStatusFiltersMatchTheListFilters()
    {
        var list = Descriptors.Message(Files, "purifierrental.orderstatus.v1.ListOrderStatusesRequest");
        var watch = Descriptors.Message(Files, "purifierrental.orderstatus.v1.WatchOrderStatusesRequest");

        foreach (var filter in new[] { "status", "region", "customer_id" })
        {
            Assert.Equal(Descriptors.Describe(list.FindFieldByName(filter)), Descriptors.Describe(watch.FindFieldByName(filter)));
        }
    }

    [Theory]
    [InlineData("order", "Order")]
    [InlineData("managementcenter", "ManagementCenter")]
    [InlineData("installation", "Installation")]
    [InlineData("orderstatus", "OrderStatus")]
    public void ContextFilesShareOnePackageAndNamespace(string context, string csharpContext)
    {
        var files = Files.Where(f => f.Package == $"purifierrental.{context}.v1").ToList();

        Assert.Equal(context == "orderstatus" ? 2 : 3, files.Count);
        Assert.All(files, f => Assert.StartsWith($"purifierrental/{context}/v1/", f.Name, StringComparison.Ordinal));
        Assert.All(files.SelectMany(f => f.MessageTypes), m => Assert.Equal($"PurifierRental.{csharpContext}.V1", m.ClrType.Namespace));
    }

    [Fact]
    public void GeneratedTypesAreInTheirContextNamespaces()
    {
        Assert.Equal("PurifierRental.Order.V1", typeof(OrderEvent).Namespace);
        Assert.Equal("PurifierRental.ManagementCenter.V1", typeof(AssignmentEvent).Namespace);
        Assert.Equal("PurifierRental.Installation.V1", typeof(InstallationEvent).Namespace);
        Assert.Equal("PurifierRental.OrderStatus.V1", typeof(OrderProgress).Namespace);
    }

    private static string Describe(MessageDescriptor message, string field, int number)
    {
        var descriptor = message.FindFieldByName(field);
        Assert.NotNull(descriptor);
        Assert.Equal(number, descriptor.FieldNumber);
        return Descriptors.Describe(descriptor);
    }

    private static string ScreamingSnakeCase(string pascal) =>
        UpperBoundary().Replace(pascal, "_$1").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex UpperBoundary();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex LowerSnakeCase();
}
