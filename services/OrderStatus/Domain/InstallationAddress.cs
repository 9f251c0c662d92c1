namespace PurifierRental.OrderStatusService.Domain;

/// <summary>Where the purifier is to be installed.</summary>
public sealed record InstallationAddress(string AddressLine, string AddressDetail, string PostalCode);
