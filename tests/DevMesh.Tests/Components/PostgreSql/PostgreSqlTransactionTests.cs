using DevMesh.Components.State;
using Xunit;
using static DevMesh.Tests.Components.PostgreSql.Requests;

namespace DevMesh.Tests.Components.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTransactionTests(PostgreSqlFixture postgres)
{
    private static StateOperation Upsert(string key, string value, string? etag = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(Write(key, Utf8(value), etag, metadata: metadata), null);

    private static StateOperation Remove(string key, string? etag = null) => new(null, new StateDelete(key, etag));

    [Fact]
    public async Task Applies_every_operation_in_order_and_the_rows_share_the_transactions_etag()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||c", Utf8("old")), default);

        await store.MultiAsync([Upsert("orders||a", "1"), Upsert("orders||b", "2"), Remove("orders||c"), Upsert("orders||a", "3")], default);

        var a = await store.GetAsync("orders||a", default);
        var b = await store.GetAsync("orders||b", default);
        Assert.Equal("3", Text(a));
        Assert.Equal("2", Text(b));
        Assert.Null(await store.GetAsync("orders||c", default));
        // xmin is the writing transaction's id.
        Assert.Equal(a!.ETag, b!.ETag);
    }

    [Fact]
    public async Task One_failing_etag_check_rolls_back_all_operations()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||a", Utf8("a0")), default);
        await store.SetAsync(Write("orders||c", Utf8("c0")), default);
        var staleC = (await store.GetAsync("orders||c", default))!.ETag;
        await store.SetAsync(Write("orders||c", Utf8("c1")), default);
        var a = await postgres.RowAsync(store, "orders||a");
        var c = await postgres.RowAsync(store, "orders||c");

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.MultiAsync(
            [Upsert("orders||a", "a1"), Upsert("orders||b", "b1"), Remove("orders||a"), Upsert("orders||c", "c2", staleC)], default));

        Assert.Equal(a, await postgres.RowAsync(store, "orders||a"));
        Assert.Null(await postgres.RowAsync(store, "orders||b"));
        Assert.Equal(c, await postgres.RowAsync(store, "orders||c"));
    }

    [Fact]
    public async Task An_invalid_etag_rolls_back_too()
    {
        await using var store = postgres.NewStore();

        await Assert.ThrowsAsync<InvalidETagException>(() => store.MultiAsync(
            [Upsert("orders||a", "a1"), Remove("orders||b", "not-a-number")], default));

        Assert.Null(await store.GetAsync("orders||a", default));
    }

    [Fact]
    public async Task Transaction_values_are_stored_as_bytes_whatever_their_content_type()
    {
        await using var store = postgres.NewStore();

        await store.MultiAsync([Upsert("orders||a", "{\"a\":1.0}", metadata: Json)], default);

        // daprd hands transaction values to the component undecoded, so they are not queryable JSON.
        var row = await postgres.RowAsync(store, "orders||a");
        Assert.True(row!.IsBinary);
        Assert.Equal("{\"a\":1.0}", Text(await store.GetAsync("orders||a", default)));
    }

    [Fact]
    public async Task An_empty_transaction_does_nothing()
    {
        await using var store = postgres.NewStore();
        await store.MultiAsync([], default);
    }
}
