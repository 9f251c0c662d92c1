using System.Text.Json.Nodes;
using PurifierRental.OrderStatusService.Application;

namespace PurifierRental.OrderStatusService.Adapters.Dapr;

/// <summary>
/// A list request as a Dapr state query, e.g.
/// <c>{"filter":{"AND":[{"EQ":{"status":"PLACED"}},{"EQ":{"region":"seoul"}}]},"sort":[{"key":"lastChangedAt","order":"DESC"},{"key":"orderId","order":"ASC"}],"page":{"limit":20,"token":"40"}}</c>.
/// EQ compares the document's text; the page token is the store's own (an offset for PostgreSQL).
/// </summary>
internal static class ProgressQuery
{
    public static string Build(ProgressFilter filter, int limit, string? token)
    {
        var query = new JsonObject();
        if (Filter(filter) is { } condition)
        {
            query["filter"] = condition;
        }
        query["sort"] = new JsonArray(
            Sort(nameof(OrderProgressDocument.LastChangedAt), "DESC"),
            Sort(nameof(OrderProgressDocument.OrderId), "ASC"));
        var page = new JsonObject { ["limit"] = limit };
        if (token is not null)
        {
            page["token"] = token;
        }
        query["page"] = page;
        return query.ToJsonString();
    }

    /// <summary>Dapr's AND takes two or more operands, so a single condition stands alone, and none means no filter.</summary>
    private static JsonNode? Filter(ProgressFilter filter)
    {
        var conditions = new List<JsonNode>();
        if (filter.Status is { } status)
        {
            conditions.Add(Equal(nameof(OrderProgressDocument.Status), OrderProgressDocument.StatusText(status)));
        }
        if (filter.Region is { } region)
        {
            conditions.Add(Equal(nameof(OrderProgressDocument.Region), region));
        }
        if (filter.CustomerId is { } customerId)
        {
            conditions.Add(Equal(nameof(OrderProgressDocument.CustomerId), customerId));
        }
        return conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => new JsonObject { ["AND"] = new JsonArray([.. conditions]) },
        };
    }

    private static JsonObject Equal(string property, string value) =>
        new() { ["EQ"] = new JsonObject { [OrderProgressDocument.FieldName(property)] = value } };

    private static JsonObject Sort(string property, string order) =>
        new() { ["key"] = OrderProgressDocument.FieldName(property), ["order"] = order };
}
