using System.Text.Json;
using DevMesh.Components.State;
using DevMesh.Components.State.PostgreSql;
using Xunit;
using static DevMesh.Tests.Components.PostgreSql.Requests;

namespace DevMesh.Tests.Components.PostgreSql;

/// <summary>The query API over JSON saved with contentType application/json, as a read model would save it.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlQueryTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private const string Orders = "orders||";

    private PostgreSqlStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = postgres.NewStore();
        string[] documents =
        [
            "o1", """{"status":"active","customer":{"id":"c1","tier":"gold"},"total":9,"city":"Oslo"}""",
            "o2", """{"status":"active","customer":{"id":"c2","tier":"silver"},"total":10,"city":"Bergen"}""",
            "o3", """{"status":"closed","customer":{"id":"c1","tier":"gold"},"total":100,"city":"Aalborg"}""",
            "o4", """{"status":"pending","customer":{"id":"c3","tier":"bronze"},"total":"10","city":"Cork"}""",
            "o5", """{"status":"active","customer":{"id":"c4","tier":"gold"},"total":2.5,"city":"Dublin"}""",
        ];
        for (var i = 0; i < documents.Length; i += 2)
        {
            await _store.SetAsync(JsonWrite(Orders + documents[i], documents[i + 1]), default);
        }
        // Another app's rows in the same table, and an app id that "orders" is a prefix of.
        await _store.SetAsync(JsonWrite("billing||o1", """{"status":"active","city":"Oslo"}"""), default);
        await _store.SetAsync(JsonWrite("ordersarchive||o9", """{"status":"active","city":"Oslo"}"""), default);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<List<string>> KeysAsync(string query, string prefix = Orders) =>
        (await _store.QueryAsync(prefix, StateQueryParser.Parse(query), default)).Items.Select(i => i.Key).ToList();

    [Fact]
    public async Task Eq_on_a_string()
    {
        Assert.Equal(["orders||o1", "orders||o2", "orders||o5"], await KeysAsync("""{"filter":{"EQ":{"status":"active"}}}"""));
    }

    [Fact]
    public async Task Eq_on_a_number_compares_text_so_a_string_with_the_same_digits_matches_too()
    {
        Assert.Equal(["orders||o2", "orders||o4"], await KeysAsync("""{"filter":{"EQ":{"total":10}}}"""));
        Assert.Equal(["orders||o5"], await KeysAsync("""{"filter":{"EQ":{"total":2.5}}}"""));
    }

    [Fact]
    public async Task Eq_on_a_number_of_a_million_or_more_matches_nothing_as_with_the_component()
    {
        // Go formats the operand 1000000 as "1e+06", which is not the text jsonb gives for the stored number.
        await _store.SetAsync(JsonWrite(Orders + "big", """{"total":1000000}"""), default);

        Assert.Empty(await KeysAsync("""{"filter":{"EQ":{"total":1000000}}}"""));
        // The same digits as a string do match: jsonb's text of the stored number is "1000000".
        Assert.Equal(["orders||big"], await KeysAsync("""{"filter":{"EQ":{"total":"1000000"}}}"""));
    }

    [Fact]
    public async Task In_matches_any_of_the_values()
    {
        Assert.Equal(["orders||o3", "orders||o4"], await KeysAsync("""{"filter":{"IN":{"status":["closed","pending"]}}}"""));
    }

    [Fact]
    public async Task And_requires_every_filter()
    {
        Assert.Equal(["orders||o1", "orders||o5"],
            await KeysAsync("""{"filter":{"AND":[{"EQ":{"status":"active"}},{"EQ":{"customer.tier":"gold"}}]}}"""));
    }

    [Fact]
    public async Task Or_requires_any_filter_and_nests()
    {
        Assert.Equal(["orders||o1", "orders||o4"],
            await KeysAsync("""{"filter":{"OR":[{"EQ":{"customer.id":"c3"}},{"EQ":{"city":"Oslo"}}]}}"""));
        Assert.Equal(["orders||o2", "orders||o3"],
            await KeysAsync("""{"filter":{"OR":[{"EQ":{"status":"closed"}},{"AND":[{"EQ":{"status":"active"}},{"IN":{"customer.tier":["silver","bronze"]}}]}]}}"""));
    }

    [Fact]
    public async Task Nested_paths_step_into_objects()
    {
        Assert.Equal(["orders||o1", "orders||o3"], await KeysAsync("""{"filter":{"EQ":{"customer.id":"c1"}}}"""));
        Assert.Empty(await KeysAsync("""{"filter":{"EQ":{"customer.id.deeper":"c1"}}}"""));
    }

    [Fact]
    public async Task Sort_on_a_string_ascending_and_descending()
    {
        Assert.Equal(["orders||o3", "orders||o2", "orders||o4", "orders||o5", "orders||o1"],
            await KeysAsync("""{"sort":[{"key":"city"}]}"""));
        Assert.Equal(["orders||o1", "orders||o5", "orders||o4", "orders||o2", "orders||o3"],
            await KeysAsync("""{"sort":[{"key":"city","order":"DESC"}]}"""));
    }

    [Fact]
    public async Task Sort_on_a_number_orders_its_text_as_the_component_does()
    {
        // "10" < "10" (tie, by key) < "100" < "2.5" < "9": the component sorts the ->> text.
        Assert.Equal(["orders||o2", "orders||o4", "orders||o3", "orders||o5", "orders||o1"],
            await KeysAsync("""{"sort":[{"key":"total","order":"ASC"}]}"""));
        Assert.Equal(["orders||o1", "orders||o5", "orders||o3", "orders||o2", "orders||o4"],
            await KeysAsync("""{"sort":[{"key":"total","order":"DESC"}]}"""));
    }

    [Fact]
    public async Task Sort_by_several_keys()
    {
        Assert.Equal(["orders||o1", "orders||o5", "orders||o2", "orders||o3", "orders||o4"],
            await KeysAsync("""{"sort":[{"key":"status"},{"key":"city","order":"DESC"}]}"""));
    }

    [Fact]
    public async Task Paging_with_limit_and_token_returns_each_item_exactly_once()
    {
        var seen = new List<string>();
        var tokens = new List<string?>();
        string? token = null;
        for (var page = 0; page < 10; page++)
        {
            var query = new StateQuery(null, [new QuerySort("city", false)], 2, token);
            var result = await _store.QueryAsync(Orders, query, default);
            seen.AddRange(result.Items.Select(i => i.Key));
            tokens.Add(result.NextToken);
            token = result.NextToken;
            if (token is null)
            {
                break;
            }
        }

        Assert.Equal(["orders||o3", "orders||o2", "orders||o4", "orders||o5", "orders||o1"], seen);
        // Like the component, the short last page still carries a token; the empty page after it does not.
        Assert.Equal(["2", "4", "5", null], tokens);
    }

    [Fact]
    public async Task Query_only_sees_the_callers_app_and_keeps_full_keys()
    {
        Assert.Equal(["orders||o1", "orders||o2", "orders||o3", "orders||o4", "orders||o5"], await KeysAsync("{}"));
        Assert.Equal(["billing||o1"], await KeysAsync("""{"filter":{"EQ":{"city":"Oslo"}}}""", "billing||"));
        Assert.Equal(["ordersarchive||o9"], await KeysAsync("{}", "ordersarchive||"));
    }

    [Fact]
    public async Task Items_carry_the_stored_jsonb_text_and_the_etag_get_returns()
    {
        var result = await _store.QueryAsync(Orders, StateQueryParser.Parse("""{"filter":{"EQ":{"customer.id":"c2"}}}"""), default);

        var item = Assert.Single(result.Items);
        var stored = await _store.GetAsync(item.Key, default);
        Assert.Equal(stored!.ETag, item.ETag);
        Assert.Equal(stored.Data, item.Data);
        Assert.Equal("Bergen", JsonDocument.Parse(item.Data).RootElement.GetProperty("city").GetString());
        Assert.Null(result.NextToken);
    }

    [Fact]
    public async Task Binary_values_come_back_from_query_as_their_base64_json_string()
    {
        await _store.SetAsync(Write("blobs||b1", [0xFF, 0x00]), default);

        var item = Assert.Single((await _store.QueryAsync("blobs||", new StateQuery(null, [], 0, null), default)).Items);

        Assert.Equal("\"/wA=\"", Text(item));
    }

    [Fact]
    public async Task Values_are_bound_not_spliced_into_the_sql()
    {
        Assert.Empty(await KeysAsync("""{"filter":{"EQ":{"status":"x' OR '1'='1"}}}"""));
        Assert.Empty(await KeysAsync("""{"filter":{"EQ":{"status' OR '1'='1":"active"}}}"""));
        Assert.Equal(7, (await _store.QueryAsync(string.Empty, new StateQuery(null, [], 0, null), default)).Items.Count);
    }

    [Theory]
    [InlineData("""{"filter":{"XOR":[{"EQ":{"a":1}},{"EQ":{"b":2}}]}}""")]
    [InlineData("""{"filter":{"EQ":{"a":1,"b":2}}}""")]
    [InlineData("""{"filter":{"AND":[{"EQ":{"a":1}}]}}""")]
    [InlineData("""{"sort":[{"key":"city","order":"SIDEWAYS"}]}""")]
    [InlineData("""{"page":{"limit":-1}}""")]
    [InlineData("""{"filter":""")]
    [InlineData("[]")]
    public void Malformed_query_is_a_format_error(string query)
    {
        Assert.Throws<FormatException>(() => StateQueryParser.Parse(query));
    }

    [Theory]
    [InlineData("""{"filter":{"IN":{"status":[]}}}""")]
    [InlineData("""{"page":{"limit":2,"token":"abc"}}""")]
    [InlineData("""{"page":{"limit":2,"token":"-2"}}""")]
    [InlineData("""{"filter":{"EQ":{"total":1e400}}}""")]
    public async Task Query_the_store_cannot_run_is_a_format_error(string query)
    {
        await Assert.ThrowsAsync<FormatException>(() => _store.QueryAsync(Orders, StateQueryParser.Parse(query), default));
    }
}
