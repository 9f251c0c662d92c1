// What a command or an event did to an order: one type for every context's aggregates (ServiceDefaults' SharedKernel).
global using Transition = PurifierRental.ServiceDefaults.SharedKernel.Transition<PurifierRental.OrderService.Domain.Order, PurifierRental.OrderService.Domain.OrderDomainEvent>;
