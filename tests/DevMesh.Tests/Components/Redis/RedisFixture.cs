using System.Text;
using DevMesh.Components.Redis;
using DevMesh.Configuration.Components;
using PurifierRental.Testing;
using StackExchange.Redis;
using Xunit;

namespace DevMesh.Tests.Components.Redis;

/// <summary>
/// One real redis-server for every Redis component test, and a client that reads what the components
/// wrote, bypassing them. Tests use keys and topics of their own, so they never see each other's data.
/// </summary>
public sealed class RedisFixture : RedisServer, IAsyncLifetime
{
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>A plain client on database 0, for looking at the layouts (admin commands allowed: tests kill connections).</summary>
    public IDatabase Admin => (_multiplexer ??= ConnectionMultiplexer.Connect(Endpoint + ",allowAdmin=true")).GetDatabase();

    public RedisConnectionSettings Connection(int database = 0) => new(Endpoint, null, null, database, false);

    public RedisStateStore NewStore(int? ttlInSeconds = null, int database = 0) =>
        new("statestore", new RedisStateSettings(Connection(database), new StateStoreSettings(new StateKeyPrefix("orders"), false, null), ttlInSeconds));

    /// <summary>
    /// A pub/sub with short redelivery times, as tests want them; as Dapr 1.16's (a failed handler leaves the message
    /// pending) unless <paramref name="acknowledgesFailures"/> asks for 1.17's.
    /// </summary>
    public RedisPubSub NewPubSub(string consumerId = "orders", TimeSpan? redeliverInterval = null, TimeSpan? processingTimeout = null,
        long? maxLenApprox = null, int database = 0, TimeSpan? readTimeout = null, bool acknowledgesFailures = false) =>
        new("pubsub", new RedisPubSubSettings
        {
            Connection = Connection(database),
            ConsumerId = consumerId,
            RedeliverInterval = redeliverInterval ?? TimeSpan.FromMilliseconds(200),
            ProcessingTimeout = processingTimeout ?? TimeSpan.FromMilliseconds(300),
            MaxLenApprox = maxLenApprox,
            AcknowledgesFailures = acknowledgesFailures,
        })
        {
            ReadTimeout = readTimeout ?? TimeSpan.Zero,
        };

    /// <summary>The fields of a hash as text.</summary>
    public async Task<Dictionary<string, string>> HashAsync(string key) =>
        (await Admin.HashGetAllAsync(key)).ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());

    /// <summary><c>XRANGE stream - +</c>: every entry with its fields in the order they were written.</summary>
    public async Task<List<(string Id, List<(string Field, string Value)> Fields)>> StreamAsync(string stream) =>
        (await Admin.StreamRangeAsync(stream))
            .Select(entry => (entry.Id.ToString(), entry.Values.Select(field => (field.Name.ToString(), field.Value.ToString())).ToList()))
            .ToList();

    /// <summary>How many entries the group has delivered and not had acknowledged.</summary>
    public async Task<long> PendingCountAsync(string stream, string group) =>
        (await Admin.StreamPendingAsync(stream, group)).PendingMessageCount;

    public static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..10]}";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/> (5 s by default).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
            await Task.Delay(20);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, timeout);

    async Task IAsyncLifetime.InitializeAsync() => await StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
        await DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis components";
}
