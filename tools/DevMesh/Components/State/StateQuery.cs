using System.Text.Json;

namespace DevMesh.Components.State;

/// <summary>
/// Dapr's state query document: <c>{"filter": {...}, "sort": [{"key": "a.b", "order": "DESC"}], "page": {"limit": n, "token": "t"}}</c>.
/// Filters are EQ / IN / AND / OR over dotted paths into the JSON value.
/// </summary>
public sealed record StateQuery(QueryFilter? Filter, IReadOnlyList<QuerySort> Sort, int Limit, string? Token);

public abstract record QueryFilter;

/// <summary>The value at <paramref name="Path"/> equals <paramref name="Value"/>.</summary>
public sealed record EqFilter(string Path, JsonElement Value) : QueryFilter;

/// <summary>The value at <paramref name="Path"/> is one of <paramref name="Values"/>.</summary>
public sealed record InFilter(string Path, IReadOnlyList<JsonElement> Values) : QueryFilter;

public sealed record AndFilter(IReadOnlyList<QueryFilter> Filters) : QueryFilter;

public sealed record OrFilter(IReadOnlyList<QueryFilter> Filters) : QueryFilter;

public sealed record QuerySort(string Path, bool Descending);

/// <summary>One page of results and the token for the next page (null when this page is the last).</summary>
public sealed record StateQueryResult(IReadOnlyList<StoredState> Items, string? NextToken);
