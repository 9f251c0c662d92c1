namespace DevMesh.Configuration.Components;

/// <summary>
/// The daprd release DevMesh imitates where releases behave differently (each daprd bundles the components of its
/// own release). The newest is the default.
/// </summary>
public enum DaprVersion
{
    /// <summary>Dapr 1.16: <c>pubsub.redis</c> leaves a message whose handler failed pending, for redelivery.</summary>
    V1_16 = 16,

    /// <summary>
    /// Dapr 1.17: <c>pubsub.redis</c> acknowledges a message whose handler failed, unless the handler's
    /// <c>processingTimeout</c> deadline had passed (components-contrib <c>pubsub/redis/redis.go</c>).
    /// </summary>
    V1_17 = 17,
}
