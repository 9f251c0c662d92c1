using System.Text;
using System.Text.Json;
using DevMesh.Components.State;
using DevMesh.Components.State.PostgreSql;
using Npgsql;
using Xunit;

namespace DevMesh.Tests.Components.PostgreSql;

/// <summary>The Go and pgx behaviours the store reproduces, checked without a database.</summary>
public sealed class PostgreSqlTranslationTests
{
    [Theory]
    [InlineData("5", "5")]
    [InlineData("-3", "-3")]
    [InlineData("2.5", "2.5")]
    [InlineData("10.0", "10")]
    [InlineData("123456", "123456")]
    [InlineData("999999", "999999")]
    [InlineData("1000000", "1e+06")]
    [InlineData("1234567", "1.234567e+06")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("0.000123", "0.000123")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("0", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("true", "true")]
    [InlineData("null", "<nil>")]
    [InlineData("\"text\"", "text")]
    [InlineData("[\"a\",1,[true]]", "[a 1 [true]]")]
    [InlineData("{\"b\":1,\"a\":\"x\",\"b\":2}", "map[a:x b:2]")]
    public void Query_operands_take_gos_percent_v_text(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, GoValueText.Format(document.RootElement));
    }

    [Theory]
    [InlineData("{\"a\": 1.0, \"b\": [1e2, -0.5]}", "{\"a\":1,\"b\":[100,-0.5]}")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("\"<&>é\"", "\"<&>é\"")]
    public void Json_values_take_the_float64_round_trip(string json, string expected)
    {
        Assert.Equal(expected, GoJson.Normalize(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("0", 0u)]
    [InlineData("42", 42u)]
    [InlineData("007", 7u)]
    [InlineData("4294967295", uint.MaxValue)]
    public void Etags_parse_as_32_bit_transaction_ids(string etag, uint xmin)
    {
        Assert.Equal(xmin, PostgreSqlETag.Parse(etag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1_000")]
    [InlineData("٣")]
    [InlineData("1 ")]
    public void Other_etags_are_invalid(string etag)
    {
        Assert.Throws<InvalidETagException>(() => PostgreSqlETag.Parse(etag));
    }

    [Fact]
    public void Libpq_keyword_connection_strings_translate_to_npgsql()
    {
        var builder = new NpgsqlConnectionStringBuilder(PgConnectionString.ToNpgsql(
            "host=db.local user=postgres password='p w\\'d' port=5433 connect_timeout=10 database=dapr_test sslmode=disable pool_max_conns=7 TimeZone=UTC"));

        Assert.Equal("db.local", builder.Host);
        Assert.Equal("postgres", builder.Username);
        Assert.Equal("p w'd", builder.Password);
        Assert.Equal(5433, builder.Port);
        Assert.Equal(10, builder.Timeout);
        Assert.Equal("dapr_test", builder.Database);
        Assert.Equal(SslMode.Disable, builder.SslMode);
        Assert.Equal(7, builder.MaxPoolSize);
        Assert.Equal("-c TimeZone=UTC", builder.Options);
    }

    [Theory]
    [InlineData("host=db.local", null, -1)]
    [InlineData("postgres://db.local/state", null, -1)]
    [InlineData("host=db.local pool_max_conns=7", null, 7)]
    [InlineData("host=db.local pool_max_conns=7", "12", 12)]
    [InlineData("host=db.local", "1", -1)]
    [InlineData("host=db.local", "0", -1)]
    [InlineData("host=db.local", "-5", -1)]
    public void Pools_are_as_small_as_pgxpools_unless_the_component_sizes_them(string connectionString, string? maxConns, int expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(PgConnectionString.ForComponent(connectionString, maxConns));
        Assert.Equal(expected > 0 ? expected : Math.Max(4, Environment.ProcessorCount), builder.MaxPoolSize);
    }

    [Fact]
    public void Url_connection_strings_translate_to_npgsql()
    {
        var builder = new NpgsqlConnectionStringBuilder(PgConnectionString.ToNpgsql(
            "postgres://reader:p%40ss@db.local:6543/read%20model?sslmode=require&application_name=devmesh"));

        Assert.Equal(("db.local", 6543, "reader", "p@ss", "read model"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("devmesh", builder.ApplicationName);
    }

    [Fact]
    public void Npgsql_connection_strings_pass_through()
    {
        const string Npgsql = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
        Assert.Equal(Npgsql, PgConnectionString.ToNpgsql(Npgsql));
    }

    [Fact]
    public async Task Metadata_without_a_connection_string_names_the_component()
    {
        var e = Assert.Throws<ArgumentException>(() => PostgreSqlStateStore.FromMetadata("readmodel", new Dictionary<string, string>()));
        Assert.Contains("'readmodel'", e.Message, StringComparison.Ordinal);
        Assert.Contains("connectionString", e.Message, StringComparison.Ordinal);

        await using var store = PostgreSqlStateStore.FromMetadata("readmodel", new Dictionary<string, string> { ["connectionString"] = "host=localhost" });
        Assert.Equal(new PostgreSqlStateStoreOptions(), store.Options);
        Assert.Equal("readmodel", store.Name);
    }

    [Fact]
    public async Task Metadata_reads_the_components_names_durations_and_legacy_aliases()
    {
        await using var store = PostgreSqlStateStore.FromMetadata("readmodel", new Dictionary<string, string>
        {
            ["connectionString"] = "host=localhost user=postgres",
            ["tableName"] = "public.orders_view",
            ["metadataTableName"] = "orders_meta",
            ["timeout"] = "1m30s",
            ["cleanupIntervalInSeconds"] = "-1",
            ["actorStateStore"] = "false",
        });
        Assert.Equal(new PostgreSqlStateStoreOptions
        {
            TableName = "public.orders_view",
            MetadataTableName = "orders_meta",
            Timeout = TimeSpan.FromSeconds(90),
            CleanupInterval = null,
        }, store.Options);

        await using var seconds = PostgreSqlStateStore.FromMetadata("readmodel", new Dictionary<string, string>
        {
            ["connectionString"] = "host=localhost",
            ["timeoutInSeconds"] = "5",
            ["cleanupInterval"] = "10m",
        });
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)), (seconds.Options.Timeout, seconds.Options.CleanupInterval));
    }

    [Theory]
    [InlineData("tableName", "state; DROP TABLE x")]
    [InlineData("tableName", "\"Quoted\"")]
    [InlineData("metadataTableName", "a.b.c")]
    [InlineData("timeout", "500ms")]
    [InlineData("timeout", "soon")]
    public void Metadata_values_that_cannot_work_are_refused_with_the_component_name(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => PostgreSqlStateStore.FromMetadata("readmodel", new Dictionary<string, string>
        {
            ["connectionString"] = "host=localhost",
            [name] = value,
        }));
        Assert.Contains("'readmodel'", e.Message, StringComparison.Ordinal);
    }
}
