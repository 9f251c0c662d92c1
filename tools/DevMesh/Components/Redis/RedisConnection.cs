using StackExchange.Redis;

namespace DevMesh.Components.Redis;

/// <summary>
/// A component's <see cref="ConnectionMultiplexer"/>, connected on first use: components are created while the
/// sidecar starts, and a sidecar that never touches its store should not wait for Redis.
/// </summary>
internal sealed class RedisConnection(ConfigurationOptions options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => ConnectionMultiplexer.ConnectAsync(options));

    /// <summary>The component's database (<c>redisDB</c>).</summary>
    public async Task<IDatabase> DatabaseAsync() => (await _multiplexer.Value).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
