namespace PurifierRental.ManagementCenterService.Domain;

/// <summary>The engineer an order went to, as copied into the assignment and its event.</summary>
public sealed record AssignedEngineer(string EngineerId, string Name, string Phone, string Region);

/// <summary>The customer who applied.</summary>
public sealed record Customer(string CustomerId, string Name, string Phone);

/// <summary>Where the purifier is installed.</summary>
public sealed record InstallationAddress(string AddressLine, string AddressDetail, string PostalCode);

/// <summary>What OrderPlaced tells the center about a new order.</summary>
public sealed record OrderPlacement(
    string OrderId,
    string Region,
    Customer? Customer,
    string ProductCode,
    InstallationAddress? Address,
    string PreferredInstallationDate,
    DateTimeOffset PlacedAt);
