using RentalCli;

return await RentalApp.RunAsync(args, CliConsole.System);
