namespace PurifierRental.GatewayService.Domain;

/// <summary>A role rule refused a call; the message says why in words a caller can act on.</summary>
public sealed class AccessRefusedException(AccessRefusal refusal, string message) : Exception(message)
{
    public AccessRefusal Refusal { get; } = refusal;
}
