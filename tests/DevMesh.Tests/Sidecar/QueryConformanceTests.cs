using System.Text.Json;
using DevMesh.Sidecar;
using DevMesh.Tests.Sidecar.Infrastructure;
using PurifierRental.Testing;
using Xunit;
using Xunit.Abstractions;

namespace DevMesh.Tests.Sidecar;

/// <summary>The query API (QueryStateAlpha1) of a sidecar on state.postgresql, as the read model uses it.</summary>
public sealed class QueryConformanceTests(QueryConformanceTests.Postgres postgres, ITestOutputHelper output) : IClassFixture<QueryConformanceTests.Postgres>, IAsyncLifetime
{
    private readonly Mesh _mesh = new(output);

    [Fact]
    public async Task A_query_filters_sorts_and_pages_through_the_apps_own_items()
    {
        var table = "state_" + Guid.NewGuid().ToString("N")[..10];
        var store = Resources.PostgresState(postgres.ConnectionString, table);
        var appId = "orderstatus-" + Guid.NewGuid().ToString("N")[..6];
        var client = _mesh.Client(await _mesh.StartSidecarAsync(new SidecarOptions { AppId = appId }, store));
        var json = new Dictionary<string, string> { ["contentType"] = "application/json" };
        for (var i = 1; i <= 12; i++)
        {
            var order = new
            {
                orderId = $"order-{i}",
                region = i % 3 == 0 ? "busan" : "seoul",
                status = i % 2 == 0 ? "SCHEDULED" : "PLACED",
                placedAt = $"2026-11-22T09:{i:00}:00Z",
                priority = i,
            };
            await client.SaveStateAsync("statestore", $"order-{i}", order, metadata: json);
        }

        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = token is null ? "" : $""", "token": "{token}" """;
            var response = await client.QueryStateAsync<JsonElement>("statestore", $$"""
                {
                  "filter": { "AND": [ { "EQ": { "region": "seoul" } }, { "IN": { "status": ["PLACED", "SCHEDULED"] } } ] },
                  "sort": [ { "key": "placedAt", "order": "DESC" } ],
                  "page": { "limit": 3 {{page}} }
                }
                """);
            var items = response.Results;
            Assert.All(items, item => Assert.Equal(item.Data.GetProperty("orderId").GetString(), item.Key));
            Assert.All(items, item => Assert.False(string.IsNullOrEmpty(item.ETag)));
            if (items.Count > 0)
            {
                pages.Add(items.Select(item => item.Key).ToList());
            }
            token = string.IsNullOrEmpty(response.Token) ? null : response.Token;
            Assert.True(pages.Count < 10, "paging does not end");
        }
        while (token is not null);

        Assert.Equal(
            [["order-11", "order-10", "order-8"], ["order-7", "order-5", "order-4"], ["order-2", "order-1"]],
            pages);

        var scheduled = (await client.QueryStateAsync<JsonElement>("statestore", """
            { "filter": { "EQ": { "status": "SCHEDULED" } }, "sort": [ { "key": "orderId" } ] }
            """)).Results;
        Assert.Equal(["order-10", "order-12", "order-2", "order-4", "order-6", "order-8"], scheduled.Select(item => item.Key));

        // As in daprd's state.postgresql v1, fields are compared and sorted as text, numbers too.
        var byPriority = (await client.QueryStateAsync<JsonElement>("statestore", """
            { "filter": { "EQ": { "region": "busan" } }, "sort": [ { "key": "priority", "order": "DESC" } ] }
            """)).Results;
        Assert.Equal(["order-9", "order-6", "order-3", "order-12"], byPriority.Select(item => item.Key));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _mesh.DisposeAsync();

    /// <summary>A real PostgreSQL for this class; each test uses tables of its own.</summary>
    public sealed class Postgres : PostgresServer;
}
