namespace DevMesh.Sidecar.Api;

/// <summary>The parts of the Dapr API one sidecar serves, as the one service instance its methods are bound to.</summary>
internal sealed record DaprApi(DaprStateApi State, DaprPublishApi Publish, DaprMetadataApi Metadata, DaprInvocationApi Invocation);
