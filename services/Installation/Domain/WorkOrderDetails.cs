namespace PurifierRental.InstallationService.Domain;

/// <summary>The engineer an order is assigned to, as the management center announced it.</summary>
public sealed record AssignedEngineer(string EngineerId, string Name, string Phone, string Region);

/// <summary>The customer the engineer visits.</summary>
public sealed record Customer(string CustomerId, string Name, string Phone);

/// <summary>Where the purifier is installed.</summary>
public sealed record InstallationAddress(string AddressLine, string AddressDetail, string PostalCode);

/// <summary>Everything an assignment carries that a work order needs.</summary>
public sealed record WorkOrderDetails(
    string OrderId,
    AssignedEngineer Engineer,
    Customer? Customer,
    string ProductCode,
    InstallationAddress? Address,
    string Region,
    string PreferredInstallationDate);
