using DevMesh.Components.State;
using Xunit;
using static DevMesh.Tests.Components.PostgreSql.Requests;

namespace DevMesh.Tests.Components.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTtlTests(PostgreSqlFixture postgres)
{
    private static readonly StateQuery Everything = new(null, [], 0, null);

    [Fact]
    public async Task Expired_value_is_hidden_from_get_listed_by_query_until_cleanup_and_replaceable_by_first_write()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Ttl("orders||short", "v", "1"), default);
        Assert.Equal("v", Text(await store.GetAsync("orders||short", default)));

        await WaitUntilAsync(async () => await store.GetAsync("orders||short", default) is null);

        // The component's query ignores expiredate: the row shows until the cleanup deletes it.
        Assert.Single((await store.QueryAsync("orders||", Everything, default)).Items);
        // First-write may take over a row whose TTL has passed.
        await store.SetAsync(Ttl("orders||short", "again", "1", firstWrite: true), default);
        Assert.Equal("again", Text(await store.GetAsync("orders||short", default)));
    }

    [Fact]
    public async Task Cleanup_deletes_expired_rows_at_most_once_per_interval()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Ttl("orders||short", "v", "1"), default);
        await store.SetAsync(Ttl("orders||long", "v", "3600"), default);
        await store.SetAsync(Write("orders||forever", Utf8("v")), default);
        await WaitUntilAsync(async () => await store.GetAsync("orders||short", default) is null);

        Assert.Equal(1, await store.CleanupExpiredAsync());
        Assert.Null(await postgres.RowAsync(store, "orders||short"));
        Assert.Equal(2, (await store.QueryAsync("orders||", Everything, default)).Items.Count);
        // Another sidecar (or this one) asking again within the interval is told it already ran.
        Assert.Null(await store.CleanupExpiredAsync());
    }

    [Fact]
    public async Task A_write_without_ttl_clears_an_earlier_expiry()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Ttl("orders||o1", "v", "60"), default);
        Assert.NotNull((await postgres.RowAsync(store, "orders||o1"))!.ExpireDate);

        await store.SetAsync(Ttl("orders||o1", "v", "-1"), default);

        Assert.Null((await postgres.RowAsync(store, "orders||o1"))!.ExpireDate);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-2")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    public async Task Ttl_that_is_not_an_integer_of_at_least_minus_one_is_refused(string seconds)
    {
        await using var store = postgres.NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync(Ttl("orders||o1", "v", seconds), default));

        Assert.Null(await store.GetAsync("orders||o1", default));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the TTL did not pass within 10 s");
            await Task.Delay(100);
        }
    }
}
