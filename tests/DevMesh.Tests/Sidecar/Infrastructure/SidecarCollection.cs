using DevMesh.Tests.Components.Redis;
using Xunit;

namespace DevMesh.Tests.Sidecar.Infrastructure;

/// <summary>
/// One real redis-server for the sidecar conformance suite. Its tests run one after another, so that the
/// timings they measure are the sidecar's, not a neighbour's load; each uses app ids and topics of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SidecarCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Sidecar conformance";
}
