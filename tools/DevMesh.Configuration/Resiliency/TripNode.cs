namespace DevMesh.Configuration.Resiliency;

/// <summary>A node of a parsed trip expression; its type is known after parsing, so evaluation cannot fail.</summary>
internal abstract class TripNode
{
    public abstract bool IsBoolean { get; }

    public virtual long EvaluateInt(BreakerCounts counts) => throw new InvalidOperationException("not an integer node");

    public virtual bool EvaluateBool(BreakerCounts counts) => throw new InvalidOperationException("not a boolean node");
}

internal sealed class IntegerLiteral(long value) : TripNode
{
    public override bool IsBoolean => false;

    public override long EvaluateInt(BreakerCounts counts) => value;
}

internal sealed class BooleanLiteral(bool value) : TripNode
{
    public override bool IsBoolean => true;

    public override bool EvaluateBool(BreakerCounts counts) => value;
}

internal sealed class CounterReference(Func<BreakerCounts, long> read) : TripNode
{
    public override bool IsBoolean => false;

    public override long EvaluateInt(BreakerCounts counts) => read(counts);
}

internal sealed class Negation(TripNode operand) : TripNode
{
    public override bool IsBoolean => true;

    public override bool EvaluateBool(BreakerCounts counts) => !operand.EvaluateBool(counts);
}

internal sealed class IntegerNegation(TripNode operand) : TripNode
{
    public override bool IsBoolean => false;

    public override long EvaluateInt(BreakerCounts counts) => -operand.EvaluateInt(counts);
}

internal sealed class Comparison(string op, TripNode left, TripNode right) : TripNode
{
    public override bool IsBoolean => true;

    public override bool EvaluateBool(BreakerCounts counts)
    {
        if (left.IsBoolean)
        {
            var l = left.EvaluateBool(counts);
            var r = right.EvaluateBool(counts);
            return op == "==" ? l == r : l != r;
        }

        var a = left.EvaluateInt(counts);
        var b = right.EvaluateInt(counts);
        return op switch
        {
            ">" => a > b,
            ">=" => a >= b,
            "<" => a < b,
            "<=" => a <= b,
            "==" => a == b,
            _ => a != b,
        };
    }
}

internal sealed class Logical(bool isAnd, TripNode left, TripNode right) : TripNode
{
    public override bool IsBoolean => true;

    public override bool EvaluateBool(BreakerCounts counts) =>
        isAnd ? left.EvaluateBool(counts) && right.EvaluateBool(counts) : left.EvaluateBool(counts) || right.EvaluateBool(counts);
}
