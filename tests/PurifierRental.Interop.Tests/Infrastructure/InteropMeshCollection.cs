using PurifierRental.EndToEnd.Tests.Infrastructure;

namespace PurifierRental.Interop.Tests.Infrastructure;

/// <summary>One running mesh for the whole suite, as the end-to-end suite runs it.</summary>
[CollectionDefinition(Name)]
public sealed class InteropMeshCollection : ICollectionFixture<MeshFixture>
{
    public const string Name = "interop-mesh";
}
