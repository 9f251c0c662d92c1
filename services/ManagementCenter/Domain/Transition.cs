// What a command or an event did to an assignment: one type for every context's aggregates (ServiceDefaults' SharedKernel).
global using Transition = PurifierRental.ServiceDefaults.SharedKernel.Transition<PurifierRental.ManagementCenterService.Domain.Assignment, PurifierRental.ManagementCenterService.Domain.AssignmentEvent>;
