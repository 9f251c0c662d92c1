using Grpc.Core;

namespace PurifierRental.ServiceDefaults.Api;

/// <summary>
/// How one kind of domain exception (a rule of the service refusing a command) answers the caller: its status
/// code, its message as the status detail, and for INVALID_ARGUMENT the request field it is about, if any.
/// </summary>
public sealed class RefusalRule(Type exceptionType, Func<Exception, StatusCode> code, Func<Exception, string?> field)
{
    public bool Matches(Exception exception) => exceptionType.IsInstanceOfType(exception);

    public StatusCode CodeOf(Exception exception) => code(exception);

    public string? FieldOf(Exception exception) => field(exception);
}
