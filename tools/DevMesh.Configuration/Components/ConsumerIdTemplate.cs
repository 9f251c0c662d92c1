namespace DevMesh.Configuration.Components;

/// <summary>
/// daprd expands <c>{appID}</c>, <c>{podName}</c>, <c>{namespace}</c> (as <c>&lt;namespace&gt;.&lt;appId&gt;</c>)
/// and <c>{uuid}</c> in a pubsub <c>consumerID</c>, and uses the app id when it is empty.
/// </summary>
public static class ConsumerIdTemplate
{
    public static string Expand(string? consumerId, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(consumerId))
        {
            return context.AppId;
        }

        return consumerId
            .Replace("{appID}", context.AppId, StringComparison.Ordinal)
            .Replace("{podName}", context.PodName ?? string.Empty, StringComparison.Ordinal)
            .Replace("{namespace}", $"{context.Namespace}.{context.AppId}", StringComparison.Ordinal)
            .Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
    }
}
