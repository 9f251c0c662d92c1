using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace DevMesh.Components.State.PostgreSql;

/// <summary>
/// Translates Dapr's state query into SQL the way the v1 component does, but with every operand and
/// every path segment bound as a parameter instead of spliced into the text:
/// a path <c>a.b</c> reads <c>value-&gt;'a'-&gt;&gt;'b'</c> (text), EQ compares that text with the
/// operand's Go <c>%v</c> text, IN is an OR of EQs, AND/OR nest in parentheses, sort orders by the same
/// text, the page token is a row offset.
/// </summary>
internal sealed class PostgreSqlQueryBuilder
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    /// <summary>The row offset the page starts at: 0, or the token of the previous page.</summary>
    public long Offset { get; private set; }

    /// <exception cref="FormatException">The query cannot be run (empty IN, token that is not an offset, number out of range).</exception>
    public string Build(string tableName, string keyPrefix, StateQuery query)
    {
        var sql = new StringBuilder($"SELECT key, value, xmin FROM {tableName} WHERE starts_with(key, {Bind(keyPrefix)})");
        if (query.Filter is not null)
        {
            sql.Append(" AND (").Append(Where(query.Filter)).Append(')');
        }

        // The component adds no tie-breaker (and no ORDER BY at all without sort), so its pages may overlap
        // or skip rows; ordering by key last keeps the same order and makes offsets stable.
        sql.Append(" ORDER BY ");
        foreach (var sort in query.Sort)
        {
            sql.Append(Field(sort.Path)).Append(sort.Descending ? " DESC, " : " ASC, ");
        }
        sql.Append("key");

        if (query.Limit > 0)
        {
            sql.Append(" LIMIT ").Append(Bind(query.Limit));
        }
        if (query.Token is not null)
        {
            Offset = ParseToken(query.Token);
            sql.Append(" OFFSET ").Append(Bind(Offset));
        }
        return sql.ToString();
    }

    private string Where(QueryFilter filter) => filter switch
    {
        EqFilter eq => Equal(eq.Path, GoValueText.Format(eq.Value)),
        InFilter { Values.Count: 0 } @in => throw new FormatException($"empty IN operator for key \"{@in.Path}\""),
        InFilter @in => "(" + string.Join(" OR ", @in.Values.Select(v => Equal(@in.Path, GoValueText.Format(v)))) + ")",
        AndFilter and => "(" + string.Join(" AND ", and.Filters.Select(Where)) + ")",
        OrFilter or => "(" + string.Join(" OR ", or.Filters.Select(Where)) + ")",
        _ => throw new FormatException($"unsupported filter {filter.GetType().Name}"),
    };

    private string Equal(string path, string operand) => $"{Field(path)} = {Bind(operand)}";

    /// <summary><c>a.b.c</c> → <c>value-&gt;$n-&gt;$m-&gt;&gt;$k</c>: objects stepped into by key, the last step read as text.</summary>
    private string Field(string path)
    {
        var segments = path.Split('.');
        var field = new StringBuilder("value");
        for (var i = 0; i < segments.Length; i++)
        {
            field.Append(i == segments.Length - 1 ? "->>" : "->").Append(Bind(segments[i]));
        }
        return field.ToString();
    }

    private static long ParseToken(string token) =>
        long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) && offset >= 0
            ? offset
            : throw new FormatException($"page token '{token}' is not a row offset this store issued");

    private string Bind(string text) => Bind(new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Text });

    private string Bind(long number) => Bind(new NpgsqlParameter { Value = number, NpgsqlDbType = NpgsqlDbType.Bigint });

    private string Bind(NpgsqlParameter parameter)
    {
        _parameters.Add(parameter);
        return "$" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}
