using System.Globalization;
using System.Text.Json;
using DevMesh.Components.State;

namespace DevMesh.Components.InMemory;

/// <summary>
/// Evaluates a state query over JSON values in memory, with the semantics of the PostgreSQL component:
/// dotted paths into the value, EQ/IN on scalars, sort on numbers or strings, and an offset as page token.
/// </summary>
internal static class InMemoryQuery
{
    public static StateQueryResult Run(IReadOnlyList<StoredState> candidates, StateQuery query)
    {
        var rows = candidates
            .Select(s => (State: s, Json: TryParse(s.Data)))
            .Where(r => r.Json is not null && (query.Filter is null || Matches(r.Json.Value, query.Filter)))
            .ToList();
        IOrderedEnumerable<(StoredState State, JsonElement? Json)> ordered = rows.OrderBy(_ => 0);
        foreach (var sort in query.Sort)
        {
            ordered = sort.Descending
                ? ordered.ThenByDescending(r => Resolve(r.Json!.Value, sort.Path), ValueComparer.Instance)
                : ordered.ThenBy(r => Resolve(r.Json!.Value, sort.Path), ValueComparer.Instance);
        }
        // The key breaks ties so that paging is stable.
        var all = ordered.ThenBy(r => r.State.Key, StringComparer.Ordinal).Select(r => r.State).ToList();
        var offset = query.Token is null ? 0 : int.TryParse(query.Token, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o
            : throw new FormatException($"invalid page token '{query.Token}'");
        var page = query.Limit > 0 ? all.Skip(offset).Take(query.Limit).ToList() : all.Skip(offset).ToList();
        var next = query.Limit > 0 && offset + page.Count < all.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new StateQueryResult(page, next);
    }

    private static JsonElement? TryParse(byte[] data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Matches(JsonElement value, QueryFilter filter) => filter switch
    {
        EqFilter eq => ScalarEquals(Resolve(value, eq.Path), eq.Value),
        InFilter @in => @in.Values.Any(v => ScalarEquals(Resolve(value, @in.Path), v)),
        AndFilter and => and.Filters.All(f => Matches(value, f)),
        OrFilter or => or.Filters.Any(f => Matches(value, f)),
        _ => false,
    };

    private static JsonElement? Resolve(JsonElement value, string path)
    {
        var current = value;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current;
    }

    private static bool ScalarEquals(JsonElement? actual, JsonElement expected) =>
        actual is { } a && Text(a) is { } text && text == Text(expected);

    /// <summary>Scalars compare by their text, as PostgreSQL's <c>value->>'path'</c> does.</summary>
    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    private sealed class ValueComparer : IComparer<JsonElement?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(JsonElement? x, JsonElement? y)
        {
            if (x is null || y is null)
            {
                return (x is null).CompareTo(y is null);
            }
            if (x.Value.ValueKind == JsonValueKind.Number && y.Value.ValueKind == JsonValueKind.Number)
            {
                return x.Value.GetDouble().CompareTo(y.Value.GetDouble());
            }
            return string.CompareOrdinal(Text(x.Value), Text(y.Value));
        }
    }
}
