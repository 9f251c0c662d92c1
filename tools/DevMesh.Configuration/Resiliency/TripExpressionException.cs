namespace DevMesh.Configuration.Resiliency;

/// <summary>A trip expression that does not parse or does not type-check; <see cref="Position"/> is 0-based.</summary>
public sealed class TripExpressionException : FormatException
{
    public TripExpressionException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}
