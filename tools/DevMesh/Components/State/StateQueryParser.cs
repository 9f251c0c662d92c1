using System.Text.Json;

namespace DevMesh.Components.State;

/// <summary>
/// Reads Dapr's query document. Errors name the offending part, as daprd's INVALID_ARGUMENT does,
/// so a client sees what to fix.
/// </summary>
public static class StateQueryParser
{
    public static StateQuery Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"failed to parse JSON query body: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("query must be a JSON object");
            }
            var filter = root.TryGetProperty("filter", out var f) && f.ValueKind != JsonValueKind.Null ? ParseFilter(f) : null;
            var sort = root.TryGetProperty("sort", out var s) ? ParseSort(s) : [];
            var limit = 0;
            string? token = null;
            if (root.TryGetProperty("page", out var page))
            {
                if (page.TryGetProperty("limit", out var l))
                {
                    limit = l.TryGetInt32(out var n) && n >= 0 ? n : throw new FormatException("page.limit must be a non-negative integer");
                }
                if (page.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    token = t.GetString();
                }
            }
            return new StateQuery(filter, sort, limit, string.IsNullOrEmpty(token) ? null : token);
        }
    }

    private static QueryFilter ParseFilter(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a filter must be an object such as {\"EQ\": {\"field\": value}}");
        }
        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw new FormatException("a filter must have exactly one operator (EQ, IN, AND or OR)");
        }
        var (op, operand) = (properties[0].Name, properties[0].Value);
        return op switch
        {
            "EQ" => SingleField(operand, op, (path, value) => new EqFilter(path, value.Clone())),
            "IN" => SingleField(operand, op, (path, value) => value.ValueKind == JsonValueKind.Array
                ? new InFilter(path, value.EnumerateArray().Select(v => v.Clone()).ToList())
                : throw new FormatException($"IN on '{path}' needs an array of values")),
            "AND" => new AndFilter(Operands(operand, op)),
            "OR" => new OrFilter(Operands(operand, op)),
            _ => throw new FormatException($"filter operator '{op}' is not supported (EQ, IN, AND, OR)"),
        };
    }

    private static QueryFilter SingleField(JsonElement operand, string op, Func<string, JsonElement, QueryFilter> create)
    {
        var fields = operand.ValueKind == JsonValueKind.Object ? operand.EnumerateObject().ToList() : [];
        return fields.Count == 1
            ? create(fields[0].Name, fields[0].Value)
            : throw new FormatException($"{op} needs exactly one field");
    }

    private static List<QueryFilter> Operands(JsonElement operand, string op)
    {
        if (operand.ValueKind != JsonValueKind.Array || operand.GetArrayLength() < 2)
        {
            throw new FormatException($"{op} needs an array of at least two filters");
        }
        return operand.EnumerateArray().Select(ParseFilter).ToList();
    }

    private static List<QuerySort> ParseSort(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("sort must be an array");
        }
        return element.EnumerateArray().Select(item =>
        {
            var key = item.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String
                ? k.GetString()!
                : throw new FormatException("each sort entry needs a \"key\"");
            var order = item.TryGetProperty("order", out var o) ? o.GetString() : "ASC";
            return order?.ToUpperInvariant() switch
            {
                "ASC" or null => new QuerySort(key, false),
                "DESC" => new QuerySort(key, true),
                _ => throw new FormatException($"sort order '{order}' must be ASC or DESC"),
            };
        }).ToList();
    }
}
