using PurifierRental.OrderStatusService.Domain;
using McProto = PurifierRental.ManagementCenter.V1;
using OrderProto = PurifierRental.Order.V1;

namespace PurifierRental.OrderStatusService.Adapters;

/// <summary>The value objects the contracts share, in both directions: from events in, to API responses out.</summary>
internal static class ContractMapping
{
    public static Customer? ToDomain(this OrderProto.Customer? customer) =>
        customer is null ? null : new Customer(customer.CustomerId, customer.Name, customer.Phone);

    public static InstallationAddress? ToDomain(this OrderProto.InstallationAddress? address) =>
        address is null ? null : new InstallationAddress(address.AddressLine, address.AddressDetail, address.PostalCode);

    public static Engineer? ToDomain(this McProto.AssignedEngineer? engineer) =>
        engineer is null ? null : new Engineer(engineer.EngineerId, engineer.Name, engineer.Phone, engineer.Region);

    public static OrderProto.Customer ToContract(this Customer customer) =>
        new() { CustomerId = customer.CustomerId, Name = customer.Name, Phone = customer.Phone };

    public static OrderProto.InstallationAddress ToContract(this InstallationAddress address) =>
        new() { AddressLine = address.AddressLine, AddressDetail = address.AddressDetail, PostalCode = address.PostalCode };

    public static McProto.AssignedEngineer ToContract(this Engineer engineer) =>
        new() { EngineerId = engineer.EngineerId, Name = engineer.Name, Phone = engineer.Phone, Region = engineer.Region };
}
