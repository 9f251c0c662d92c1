using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.Reflection;

namespace PurifierRental.Contracts.Tests;

/// <summary>The Dapr subset matches daprd's wire contract (DaprWireTable) exactly.</summary>
public class DaprContractTests
{
    private static IReadOnlyList<FileDescriptor> Files => Descriptors.DaprFiles;

    [Theory]
    [MemberData(nameof(DaprWireTable.Fields), MemberType = typeof(DaprWireTable))]
    public void FieldHasDaprdNumberAndType(string message, string field, int number, string type)
    {
        var descriptor = Descriptors.Message(Files, message).FindFieldByName(field);

        Assert.NotNull(descriptor);
        Assert.Equal(number, descriptor.FieldNumber);
        Assert.Equal(type, Descriptors.Describe(descriptor));
    }

    [Fact]
    public void TabledMessagesDeclareNoOtherFields()
    {
        var expected = DaprWireTable.Fields
            .GroupBy(row => (string)row[0], row => $"{row[1]}={row[2]}")
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList());

        foreach (var (message, fields) in expected)
        {
            var declared = Descriptors.Message(Files, message).Fields.InDeclarationOrder()
                .Select(f => $"{f.Name}={f.FieldNumber}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(fields, declared);
        }
    }

    [Fact]
    public void EveryDeclaredMessageIsTabled()
    {
        var tabled = DaprWireTable.Fields.Select(row => (string)row[0])
            .Concat(DaprWireTable.EmptyMessageNames)
            .Concat(DaprWireTable.OpaqueMessages)
            .ToHashSet();

        var untabled = Descriptors.Messages(Files).Select(m => m.FullName).Where(name => !tabled.Contains(name));

        Assert.Empty(untabled);
    }

    [Theory]
    [MemberData(nameof(DaprWireTable.EmptyMessages), MemberType = typeof(DaprWireTable))]
    public void EmptyMessageHasNoFields(string message) =>
        Assert.Empty(Descriptors.Message(Files, message).Fields.InDeclarationOrder());

    [Theory]
    [MemberData(nameof(DaprWireTable.JsonNames), MemberType = typeof(DaprWireTable))]
    public void FieldHasDaprdJsonName(string message, string field, string jsonName) =>
        Assert.Equal(jsonName, Descriptors.Message(Files, message).FindFieldByName(field).JsonName);

    [Theory]
    [MemberData(nameof(DaprWireTable.EnumValues), MemberType = typeof(DaprWireTable))]
    public void EnumValueHasDaprdNumber(string enumName, string value, int number)
    {
        var descriptor = Descriptors.Enum(Files, enumName).FindValueByName(value);

        Assert.NotNull(descriptor);
        Assert.Equal(number, descriptor.Number);
    }

    [Fact]
    public void TabledEnumsDeclareNoOtherValues()
    {
        foreach (var group in DaprWireTable.EnumValues.GroupBy(row => (string)row[0]))
        {
            var declared = Descriptors.Enum(Files, group.Key).Values.Select(v => $"{v.Name}={v.Number}");
            Assert.Equal(group.Select(row => $"{row[1]}={row[2]}"), declared);
        }
    }

    [Theory]
    [MemberData(nameof(DaprWireTable.Methods), MemberType = typeof(DaprWireTable))]
    public void MethodHasDaprdPathAndTypes(string path, string request, string response)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = Descriptors.Service(Files, parts[0]).FindMethodByName(parts[1]);

        Assert.NotNull(method);
        Assert.Equal(request, method.InputType.FullName);
        Assert.Equal(response, method.OutputType.FullName);
        Assert.False(method.IsClientStreaming);
        Assert.False(method.IsServerStreaming);
    }

    [Fact]
    public void ServicesDeclareOnlyTabledMethods()
    {
        var tabled = DaprWireTable.Methods.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        var declared = Descriptors.Services(Files)
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(tabled, declared);
    }

    [Fact]
    public void FilesUseDaprdPathsPackagesAndNamespaces()
    {
        Assert.Equal("dapr/proto/common/v1/common.proto", CommonReflection.Descriptor.Name);
        Assert.Equal("dapr.proto.common.v1", CommonReflection.Descriptor.Package);
        Assert.Equal("dapr/proto/runtime/v1/dapr.proto", DaprReflection.Descriptor.Name);
        Assert.Equal("dapr.proto.runtime.v1", DaprReflection.Descriptor.Package);
        Assert.Equal("dapr/proto/runtime/v1/appcallback.proto", AppcallbackReflection.Descriptor.Name);
        Assert.Equal("dapr.proto.runtime.v1", AppcallbackReflection.Descriptor.Package);

        Assert.Equal("Dapr.Client.Autogen.Grpc.v1", typeof(StateItem).Namespace);
        Assert.Equal("Dapr.Client.Autogen.Grpc.v1", typeof(GetStateRequest).Namespace);
        Assert.Equal("Dapr.AppCallback.Autogen.Grpc.v1", typeof(TopicEventRequest).Namespace);
    }

    [Fact]
    public void ServicesLiveInTheirDaprdFiles()
    {
        Assert.Equal(["Dapr"], DaprReflection.Descriptor.Services.Select(s => s.Name));
        Assert.Equal(
            ["AppCallback", "AppCallbackHealthCheck", "AppCallbackAlpha"],
            AppcallbackReflection.Descriptor.Services.Select(s => s.Name));
    }
}
