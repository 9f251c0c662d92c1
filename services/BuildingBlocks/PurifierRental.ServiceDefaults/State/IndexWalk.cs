namespace PurifierRental.ServiceDefaults.State;

/// <summary>A page of records found through <see cref="PagedIndex"/> lists, and where the next one starts (null: no more).</summary>
public sealed record IndexWalk<TRecord>(IReadOnlyList<TRecord> Items, IndexCursor? Next);
