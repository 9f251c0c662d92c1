namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// A circuit breaker's <c>trip</c>: the subset of CEL that resiliency files use: the counters
/// <c>requests</c>, <c>totalSuccesses</c>, <c>totalFailures</c>, <c>consecutiveSuccesses</c>,
/// <c>consecutiveFailures</c>; integer literals; <c>&gt; &gt;= &lt; &lt;= == !=</c>; <c>&amp;&amp; || !</c>;
/// <c>true</c>/<c>false</c>; parentheses. It must produce a boolean.
/// </summary>
public sealed class TripExpression
{
    private readonly TripNode _root;

    private TripExpression(string text, TripNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>gobreaker's default when <c>trip</c> is omitted.</summary>
    public static TripExpression Default { get; } = Parse("consecutiveFailures > 5");

    public string Text { get; }

    /// <summary>Parses and type-checks; throws <see cref="TripExpressionException"/> naming the position.</summary>
    public static TripExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TripExpression(text, TripParser.Parse(text));
    }

    public bool Evaluate(BreakerCounts counts) => _root.EvaluateBool(counts);

    public override string ToString() => Text;
}
