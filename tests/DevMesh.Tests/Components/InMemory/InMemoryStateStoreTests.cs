using System.Text;
using DevMesh.Components.InMemory;
using DevMesh.Components.PubSub;
using DevMesh.Components.State;
using Xunit;

namespace DevMesh.Tests.Components.InMemory;

public class InMemoryStateStoreTests
{
    private readonly InMemoryBroker _broker = new();

    private static StateWrite Write(string key, string value, string? etag = null, bool firstWrite = false) =>
        new(key, Encoding.UTF8.GetBytes(value), etag, firstWrite, new Dictionary<string, string>());

    [Fact]
    public async Task Writes_without_an_etag_are_unconditional_and_each_write_gets_a_new_etag()
    {
        var store = new InMemoryStateStore("s", _broker);

        await store.SetAsync(Write("app||k", "1"), CancellationToken.None);
        var first = await store.GetAsync("app||k", CancellationToken.None);
        await store.SetAsync(Write("app||k", "2"), CancellationToken.None);
        var second = await store.GetAsync("app||k", CancellationToken.None);

        Assert.Equal("2", Encoding.UTF8.GetString(second!.Data));
        Assert.NotEqual(first!.ETag, second.ETag);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_nothing_is_written()
    {
        var store = new InMemoryStateStore("s", _broker);
        await store.SetAsync(Write("app||k", "1"), CancellationToken.None);
        var stale = (await store.GetAsync("app||k", CancellationToken.None))!.ETag;
        await store.SetAsync(Write("app||k", "2"), CancellationToken.None);

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write("app||k", "3", stale), CancellationToken.None));
        // Any text is an ETag to state.in-memory: one that is not the key's is a mismatch, not an invalid ETag.
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write("app||k", "3", "not-a-version"), CancellationToken.None));
        Assert.Equal("2", Encoding.UTF8.GetString((await store.GetAsync("app||k", CancellationToken.None))!.Data));
    }

    [Fact]
    public async Task An_etag_on_a_missing_key_is_a_mismatch()
    {
        var store = new InMemoryStateStore("s", _broker);

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write("app||missing", "1", "1"), CancellationToken.None));
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync(new StateDelete("app||missing", "1"), CancellationToken.None));

        Assert.Null(await store.GetAsync("app||missing", CancellationToken.None));
    }

    [Fact]
    public async Task First_write_without_an_etag_succeeds_only_for_a_new_key()
    {
        var store = new InMemoryStateStore("s", _broker);

        await store.SetAsync(Write("app||k", "1", firstWrite: true), CancellationToken.None);

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync(Write("app||k", "2", firstWrite: true), CancellationToken.None));
    }

    [Fact]
    public async Task A_transaction_with_a_stale_etag_writes_nothing()
    {
        var store = new InMemoryStateStore("s", _broker);
        await store.SetAsync(Write("app||k", "0"), CancellationToken.None);
        var ok = (await store.GetAsync("app||k", CancellationToken.None))!.ETag;

        await store.MultiAsync([new StateOperation(Write("app||k", "1", ok), null)], CancellationToken.None);
        await Assert.ThrowsAsync<ETagMismatchException>(() =>
            store.MultiAsync([new StateOperation(Write("app||other", "x"), null), new StateOperation(Write("app||k", "2", ok), null)], CancellationToken.None));

        Assert.Equal("1", Encoding.UTF8.GetString((await store.GetAsync("app||k", CancellationToken.None))!.Data));
        Assert.Null(await store.GetAsync("app||other", CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_with_a_stale_etag_is_refused()
    {
        var store = new InMemoryStateStore("s", _broker);
        await store.SetAsync(Write("app||k", "1"), CancellationToken.None);
        var stale = (await store.GetAsync("app||k", CancellationToken.None))!.ETag;
        await store.SetAsync(Write("app||k", "2"), CancellationToken.None);

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync(new StateDelete("app||k", stale), CancellationToken.None));
        await store.DeleteAsync(new StateDelete("app||k", null), CancellationToken.None);

        Assert.Null(await store.GetAsync("app||k", CancellationToken.None));
    }
}
