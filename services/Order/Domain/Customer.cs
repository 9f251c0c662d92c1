namespace PurifierRental.OrderService.Domain;

/// <summary>Who applies for the rental and how the engineer reaches them.</summary>
public sealed record Customer(string CustomerId, string Name, string Phone);

/// <summary>Where the purifier is installed.</summary>
public sealed record InstallationAddress(string AddressLine, string AddressDetail, string PostalCode);

/// <summary>What a customer asks for when applying; validated before an order exists.</summary>
public sealed record RentalApplication(
    Customer Customer,
    string ProductCode,
    InstallationAddress Address,
    string Region,
    DateOnly PreferredInstallationDate);
