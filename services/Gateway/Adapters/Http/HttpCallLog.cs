namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>The log category of the JSON API's calls.</summary>
internal sealed class HttpCallLog;
