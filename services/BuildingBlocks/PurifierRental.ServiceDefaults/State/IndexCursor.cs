namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// Where a newest-first walk over <see cref="PagedIndex"/> lists goes on: the ids before position <see cref="End"/>
/// of page <see cref="Page"/> of list <see cref="List"/>. Ids added later sit after it, so they never shift a walk.
/// </summary>
public sealed record IndexCursor(string List, int Page, int End)
{
    /// <summary>The start of a list: its newest page, read to its end.</summary>
    public static IndexCursor Start(string list) => new(list, -1, int.MaxValue);

    public bool AtStart => Page < 0;
}
