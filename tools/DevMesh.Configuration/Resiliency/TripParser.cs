using System.Globalization;

namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// Recursive-descent parser with CEL's precedence: <c>||</c> &lt; <c>&amp;&amp;</c> &lt; comparisons &lt; unary <c>! -</c>.
/// Types are checked while parsing, so a bad expression is rejected when the file loads.
/// </summary>
internal sealed class TripParser
{
    private static readonly Dictionary<string, Func<BreakerCounts, long>> Counters = new(StringComparer.Ordinal)
    {
        ["requests"] = c => c.Requests,
        ["totalSuccesses"] = c => c.TotalSuccesses,
        ["totalFailures"] = c => c.TotalFailures,
        ["consecutiveSuccesses"] = c => c.ConsecutiveSuccesses,
        ["consecutiveFailures"] = c => c.ConsecutiveFailures,
    };

    private static readonly string[] Operators = ["&&", "||", ">=", "<=", "==", "!=", ">", "<", "!", "-", "(", ")"];

    private readonly string _text;
    private readonly List<(string Token, int Position)> _tokens;
    private int _index;

    private TripParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static TripNode Parse(string text)
    {
        var parser = new TripParser(text);
        if (parser._tokens.Count == 0)
        {
            throw new TripExpressionException("the expression is empty", 0);
        }

        var root = parser.ParseOr();
        if (parser._index < parser._tokens.Count)
        {
            var (token, position) = parser._tokens[parser._index];
            throw new TripExpressionException($"unexpected '{token}' at position {position}", position);
        }

        return root.IsBoolean
            ? root
            : throw new TripExpressionException("the expression must be a condition (true or false), e.g. 'consecutiveFailures >= 5'", 0);
    }

    private TripNode ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("||", out var position))
        {
            left = new Logical(false, RequireBool(left, "||", position), RequireBool(ParseAnd(), "||", position));
        }

        return left;
    }

    private TripNode ParseAnd()
    {
        var left = ParseComparison();
        while (TryTake("&&", out var position))
        {
            left = new Logical(true, RequireBool(left, "&&", position), RequireBool(ParseComparison(), "&&", position));
        }

        return left;
    }

    private TripNode ParseComparison()
    {
        var left = ParseUnary();
        foreach (var op in new[] { ">=", "<=", "==", "!=", ">", "<" })
        {
            if (TryTake(op, out var position))
            {
                var right = ParseUnary();
                var equality = op is "==" or "!=";
                if (left.IsBoolean != right.IsBoolean || (left.IsBoolean && !equality))
                {
                    throw new TripExpressionException($"'{op}' at position {position} compares values of different types", position);
                }

                return new Comparison(op, left, right);
            }
        }

        return left;
    }

    private TripNode ParseUnary()
    {
        if (TryTake("!", out var bang))
        {
            return new Negation(RequireBool(ParseUnary(), "!", bang));
        }

        if (TryTake("-", out var minus))
        {
            var operand = ParseUnary();
            return operand.IsBoolean
                ? throw new TripExpressionException($"'-' at position {minus} needs a number", minus)
                : new IntegerNegation(operand);
        }

        return ParsePrimary();
    }

    private TripNode ParsePrimary()
    {
        if (_index >= _tokens.Count)
        {
            throw new TripExpressionException($"the expression ends early at position {_text.Length}", _text.Length);
        }

        var (token, position) = _tokens[_index++];
        if (token == "(")
        {
            var inner = ParseOr();
            if (!TryTake(")", out _))
            {
                throw new TripExpressionException($"missing ')' for the '(' at position {position}", position);
            }

            return inner;
        }

        if (char.IsAsciiDigit(token[0]))
        {
            return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? new IntegerLiteral(value)
                : throw new TripExpressionException($"'{token}' at position {position} is not an integer", position);
        }

        if (token is "true" or "false")
        {
            return new BooleanLiteral(token == "true");
        }

        if (Counters.TryGetValue(token, out var read))
        {
            return new CounterReference(read);
        }

        if (char.IsAsciiLetter(token[0]) || token[0] == '_')
        {
            throw new TripExpressionException(
                $"unknown name '{token}' at position {position}; use requests, totalSuccesses, totalFailures, consecutiveSuccesses or consecutiveFailures",
                position);
        }

        throw new TripExpressionException($"unexpected '{token}' at position {position}", position);
    }

    private bool TryTake(string token, out int position)
    {
        if (_index < _tokens.Count && _tokens[_index].Token == token)
        {
            position = _tokens[_index++].Position;
            return true;
        }

        position = -1;
        return false;
    }

    private static TripNode RequireBool(TripNode node, string op, int position) =>
        node.IsBoolean ? node : throw new TripExpressionException($"'{op}' at position {position} needs conditions on both sides, not numbers", position);

    private static List<(string, int)> Tokenize(string text)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add((text[start..i], start));
                continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
            {
                var hint = c is '+' or '*' or '/' or '%' ? " (arithmetic is not supported)" : string.Empty;
                throw new TripExpressionException($"unexpected character '{c}' at position {i}{hint}", i);
            }

            tokens.Add((op, i));
            i += op.Length;
        }

        return tokens;
    }
}
