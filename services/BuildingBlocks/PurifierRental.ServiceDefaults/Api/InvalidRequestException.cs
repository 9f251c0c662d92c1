namespace PurifierRental.ServiceDefaults.Api;

/// <summary>
/// A request field that is missing or malformed: the call fails with INVALID_ARGUMENT, the message for a person
/// and a <c>google.rpc.BadRequest</c> field violation naming <see cref="Field"/> for a program.
/// </summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
