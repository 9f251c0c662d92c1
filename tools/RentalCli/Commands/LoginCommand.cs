using System.CommandLine;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Domain;

namespace RentalCli.Commands;

/// <summary>
/// <c>rental login</c>: a development token for a local mesh, signed with the development key the gateway uses
/// (made on first use in the user's profile). Against a production gateway, use the identity provider's token instead.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliConsole console)
    {
        var role = new Option<string>("--role")
        {
            Description = "customer, engineer or staff.",
            Required = true,
        };
        role.AcceptOnlyFromAmong(RoleNames.Customer, RoleNames.Engineer, RoleNames.Staff);
        var subject = new Option<string>("--subject")
        {
            Description = "Who the token is for: the customer's or engineer's id (an engineer's as the roster has it), or a staff member's.",
            Required = true,
        };
        var hours = new Option<int>("--hours")
        {
            Description = "How long the token is valid, in hours.",
            DefaultValueFactory = _ => 8,
        };
        var key = new Option<string>("--key")
        {
            Description = "The development signing key file; the gateway's default in your profile unless given.",
            DefaultValueFactory = _ => DevelopmentSigningKey.DefaultPath,
        };
        var command = new Command("login", $"Print a development bearer token for the local gateway; use it as {CommandHost.TokenVariable}.")
        {
            role, subject, hours, key,
        };
        command.SetAction(parse =>
        {
            RoleNames.TryParse(parse.GetValue(role), out var parsed);
            var token = DevelopmentTokens.Issue(DevelopmentSigningKey.LoadOrCreate(parse.GetValue(key)), parse.GetValue(subject)!, parsed,
                TimeSpan.FromHours(Math.Max(1, parse.GetValue(hours))));
            console.Out.WriteLine(token);
            return 0;
        });
        return command;
    }
}
