using DevMesh.Components.State;
using Xunit;
using static DevMesh.Tests.Components.PostgreSql.Requests;

namespace DevMesh.Tests.Components.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlETagTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task Matching_etag_writes_and_deletes()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("v1")), default);
        var current = await store.GetAsync("orders||o1", default);

        await store.SetAsync(Write("orders||o1", Utf8("v2"), current!.ETag), default);
        var updated = await store.GetAsync("orders||o1", default);
        Assert.Equal("v2", Text(updated));
        Assert.NotEqual(current.ETag, updated!.ETag);

        await store.DeleteAsync(new StateDelete("orders||o1", updated.ETag), default);
        Assert.Null(await store.GetAsync("orders||o1", default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stale_etag_write_is_a_mismatch_and_leaves_the_row_unchanged(bool firstWrite)
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("v1")), default);
        var stale = (await store.GetAsync("orders||o1", default))!.ETag;
        await store.SetAsync(Write("orders||o1", Utf8("v2")), default);
        var before = await postgres.RowAsync(store, "orders||o1");

        // Last-write too: the component checks any ETag it is given.
        var e = await Assert.ThrowsAsync<ETagMismatchException>(
            () => store.SetAsync(Write("orders||o1", Utf8("v3"), stale, firstWrite), default));

        Assert.Contains("orders||o1", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await postgres.RowAsync(store, "orders||o1"));
        Assert.Equal("v2", Text(await store.GetAsync("orders||o1", default)));
    }

    [Fact]
    public async Task Stale_etag_delete_is_a_mismatch_and_keeps_the_row()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("v1")), default);
        var stale = (await store.GetAsync("orders||o1", default))!.ETag;
        await store.SetAsync(Write("orders||o1", Utf8("v2")), default);
        var before = await postgres.RowAsync(store, "orders||o1");

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync(new StateDelete("orders||o1", stale), default));

        Assert.Equal(before, await postgres.RowAsync(store, "orders||o1"));
    }

    [Fact]
    public async Task Etag_on_a_missing_key_is_a_mismatch()
    {
        await using var store = postgres.NewStore();

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write("orders||none", Utf8("v"), "12345"), default));
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync(new StateDelete("orders||none", "12345"), default));

        Assert.Null(await store.GetAsync("orders||none", default));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("4294967296")]
    [InlineData("0x10")]
    public async Task Etag_that_is_not_a_32_bit_transaction_id_is_invalid(string etag)
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("v1")), default);
        var before = await postgres.RowAsync(store, "orders||o1");

        await Assert.ThrowsAsync<InvalidETagException>(() => store.SetAsync(Write("orders||o1", Utf8("v2"), etag), default));
        await Assert.ThrowsAsync<InvalidETagException>(() => store.DeleteAsync(new StateDelete("orders||o1", etag), default));

        Assert.Equal(before, await postgres.RowAsync(store, "orders||o1"));
    }

    [Fact]
    public async Task First_write_without_etag_creates_but_does_not_replace_a_live_value()
    {
        await using var store = postgres.NewStore();

        await store.SetAsync(Write("orders||o1", Utf8("first"), firstWrite: true), default);
        var before = await postgres.RowAsync(store, "orders||o1");

        // Not an ETag error in the component: daprd reports it as a failed save.
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SetAsync(Write("orders||o1", Utf8("second"), firstWrite: true), default));
        Assert.Equal("no item was updated", e.Message);
        Assert.Equal(before, await postgres.RowAsync(store, "orders||o1"));
    }

    [Fact]
    public async Task First_write_with_the_current_etag_replaces()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("first")), default);
        var etag = (await store.GetAsync("orders||o1", default))!.ETag;

        await store.SetAsync(Write("orders||o1", Utf8("second"), etag, firstWrite: true), default);

        Assert.Equal("second", Text(await store.GetAsync("orders||o1", default)));
    }
}
