using DevMesh.Components.State;
using DevMesh.Components.State.PostgreSql;
using Xunit;
using static DevMesh.Tests.Components.PostgreSql.Requests;

namespace DevMesh.Tests.Components.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStateStoreTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task Creates_the_components_tables_with_its_layout_and_migration_level()
    {
        // The default names, as daprd would use them on this database.
        await using var store = new PostgreSqlStateStore("statestore", postgres.ConnectionString);
        await store.InitializeAsync();

        var columns = await postgres.ScalarAsync<string>(
            "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', ' ORDER BY ordinal_position) "
            + "FROM information_schema.columns WHERE table_name = 'state'");
        Assert.Equal(
            "key text NO, value jsonb NO, isbinary boolean NO, insertdate timestamp with time zone NO, "
            + "updatedate timestamp with time zone YES, expiredate timestamp with time zone YES",
            columns);
        Assert.Equal("key", await postgres.ScalarAsync<string>(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            + "WHERE i.indrelid = 'state'::regclass AND i.indisprimary"));
        Assert.Equal("2", await postgres.ScalarAsync<string>("SELECT value FROM dapr_metadata WHERE key = 'migrations'"));
        Assert.Equal(["ETAG", "TRANSACTIONAL", "QUERY_API", "TTL"], store.Features);

        // A second store on the same tables finds them migrated and works with them.
        await using var again = new PostgreSqlStateStore("statestore", postgres.ConnectionString);
        await again.SetAsync(Write("orders||a", Utf8("x")), default);
        Assert.Equal("x", Text(await store.GetAsync("orders||a", default)));
        await again.DeleteAsync(new StateDelete("orders||a", null), default);
    }

    [Fact]
    public async Task Missing_key_reads_as_null()
    {
        await using var store = postgres.NewStore();
        Assert.Null(await store.GetAsync("orders||nothing", default));
    }

    [Fact]
    public async Task Bytes_round_trip_exactly_and_are_stored_as_a_base64_json_string()
    {
        await using var store = postgres.NewStore();
        byte[] binary = [0x00, 0xFF, 0x80, 0x7B, 0x22, 0xC3, 0x28, 0x0A, 0x00];
        var jsonLooking = Utf8("{\"b\":1,   \"a\":1.0}");

        await store.SetAsync(Write("orders||bin", binary), default);
        await store.SetAsync(Write("orders||json-bytes", jsonLooking), default);

        Assert.Equal(binary, (await store.GetAsync("orders||bin", default))!.Data);
        // Without contentType, JSON text is bytes like any other and comes back untouched.
        Assert.Equal(jsonLooking, (await store.GetAsync("orders||json-bytes", default))!.Data);
        var row = await postgres.RowAsync(store, "orders||bin");
        Assert.Equal(new StoredRow("\"" + Convert.ToBase64String(binary) + "\"", true, row!.Xmin, null), row);
    }

    [Fact]
    public async Task Json_with_contentType_is_stored_as_jsonb_after_a_float64_round_trip()
    {
        await using var store = postgres.NewStore();

        await store.SetAsync(JsonWrite("orders||o1", "{\"status\":\"active\",\"n\":1.0,\"big\":12345678901234567890,\"tags\":[\"x\",true,null]}"), default);

        var row = await postgres.RowAsync(store, "orders||o1");
        Assert.False(row!.IsBinary);
        // PostgreSQL's jsonb text: keys by length then bytes, ": " and ", "; numbers as Go's float64 left them.
        const string Expected = "{\"n\": 1, \"big\": 12345678901234567000, \"tags\": [\"x\", true, null], \"status\": \"active\"}";
        Assert.Equal(Expected, row.Value);
        Assert.Equal(Expected, Text(await store.GetAsync("orders||o1", default)));
    }

    [Fact]
    public async Task Only_the_exact_json_content_type_makes_a_value_json()
    {
        await using var store = postgres.NewStore();
        var metadata = new Dictionary<string, string> { ["contentType"] = "application/json; charset=utf-8" };

        await store.SetAsync(Write("orders||o1", Utf8("{\"a\":1}"), metadata: metadata), default);

        Assert.True((await postgres.RowAsync(store, "orders||o1"))!.IsBinary);
        Assert.Equal("{\"a\":1}", Text(await store.GetAsync("orders||o1", default)));
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    [InlineData("{\"a\":1e400}")]
    public async Task Json_content_type_with_a_value_go_cannot_decode_is_refused(string value)
    {
        await using var store = postgres.NewStore();

        await Assert.ThrowsAsync<FormatException>(() => store.SetAsync(JsonWrite("orders||o1", value), default));

        Assert.Null(await store.GetAsync("orders||o1", default));
    }

    [Fact]
    public async Task Set_replaces_and_issues_a_new_etag_delete_removes_and_tolerates_missing_keys()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||o1", Utf8("v1")), default);
        var first = await store.GetAsync("orders||o1", default);

        await store.SetAsync(Write("orders||o1", Utf8("v2")), default);
        var second = await store.GetAsync("orders||o1", default);

        Assert.Equal("v2", Text(second));
        Assert.NotEqual(first!.ETag, second!.ETag);
        Assert.Equal((await postgres.RowAsync(store, "orders||o1"))!.Xmin, second.ETag);

        await store.DeleteAsync(new StateDelete("orders||o1", null), default);
        Assert.Null(await store.GetAsync("orders||o1", default));
        await store.DeleteAsync(new StateDelete("orders||o1", null), default);
    }

    [Fact]
    public async Task An_empty_value_round_trips()
    {
        await using var store = postgres.NewStore();
        await store.SetAsync(Write("orders||empty", []), default);
        Assert.Empty((await store.GetAsync("orders||empty", default))!.Data);
    }
}
