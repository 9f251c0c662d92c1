namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>A request body that is not the JSON object a call takes.</summary>
internal sealed class InvalidJsonException(string message) : Exception(message);
