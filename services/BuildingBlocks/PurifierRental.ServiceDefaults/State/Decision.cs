using Google.Protobuf;

namespace PurifierRental.ServiceDefaults.State;

/// <summary>
/// What a command or event handler decided: the new snapshot to store (null: nothing changes), the event
/// that the change causes (null: none), and the answer for the caller.
/// </summary>
public sealed record Decision<TSnapshot, TResult>(TSnapshot? NewSnapshot, IMessage? Event, TResult Result)
{
    public static Decision<TSnapshot, TResult> Unchanged(TResult result) => new(default, null, result);
}
