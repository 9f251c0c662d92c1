using DevMesh.Configuration.Resiliency;

namespace DevMesh.Configuration.Tests.Resiliency;

public sealed class TripExpressionTests
{
    private static readonly BreakerCounts Counts = new(Requests: 10, TotalSuccesses: 4, TotalFailures: 6, ConsecutiveSuccesses: 0, ConsecutiveFailures: 3);

    [Theory]
    [InlineData("consecutiveFailures >= 3", true)]
    [InlineData("consecutiveFailures > 3", false)]
    [InlineData("consecutiveFailures < 4", true)]
    [InlineData("consecutiveFailures <= 2", false)]
    [InlineData("requests == 10", true)]
    [InlineData("requests != 10", false)]
    [InlineData("totalFailures > 5 && requests >= 10", true)]
    [InlineData("totalFailures > 50 || consecutiveSuccesses == 0", true)]
    [InlineData("!(totalSuccesses > 3)", false)]
    [InlineData("!!(totalSuccesses > 3)", true)]
    [InlineData("(requests > 5 || totalFailures > 100) && consecutiveFailures >= 3", true)]
    [InlineData("requests > 5 || totalFailures > 100 && consecutiveFailures > 30", true)]
    [InlineData("consecutiveFailures > -1", true)]
    [InlineData("true", true)]
    [InlineData("(requests > 1) == true", true)]
    [InlineData("  consecutiveFailures>=3  ", true)]
    public void Expressions_evaluate_with_cel_precedence(string text, bool expected)
    {
        Assert.Equal(expected, TripExpression.Parse(text).Evaluate(Counts));
    }

    [Fact]
    public void The_default_trips_after_more_than_five_consecutive_failures()
    {
        Assert.Equal("consecutiveFailures > 5", TripExpression.Default.Text);
        Assert.False(TripExpression.Default.Evaluate(new BreakerCounts(5, 0, 5, 0, 5)));
        Assert.True(TripExpression.Default.Evaluate(new BreakerCounts(6, 0, 6, 0, 6)));
    }

    [Theory]
    [InlineData("", "the expression is empty")]
    [InlineData("consecutiveFailures >", "ends early")]
    [InlineData("consecutiveFailures", "must be a condition")]
    [InlineData("consecutiveFailure > 5", "unknown name 'consecutiveFailure' at position 0")]
    [InlineData("consecutiveFailures > 5 &&", "ends early")]
    [InlineData("(consecutiveFailures > 5", "missing ')'")]
    [InlineData("consecutiveFailures > 5)", "unexpected ')' at position 23")]
    [InlineData("requests && totalFailures", "needs conditions on both sides")]
    [InlineData("requests > true", "compares values of different types")]
    [InlineData("(requests > 1) > (requests > 2)", "compares values of different types")]
    [InlineData("!requests", "needs conditions on both sides")]
    [InlineData("requests + 1 > 2", "arithmetic is not supported")]
    [InlineData("requests > 1 > 0", "unexpected '>'")]
    [InlineData("requests > 99999999999999999999", "is not an integer")]
    [InlineData("requests = 1", "unexpected character '='")]
    public void Bad_expressions_are_rejected_at_parse_time(string text, string expected)
    {
        var error = Assert.Throws<TripExpressionException>(() => TripExpression.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
