// What a command or an event did to a work order: one type for every context's aggregates (ServiceDefaults' SharedKernel).
global using Transition = PurifierRental.ServiceDefaults.SharedKernel.Transition<PurifierRental.InstallationService.Domain.Installation, PurifierRental.InstallationService.Domain.InstallationEvent>;
