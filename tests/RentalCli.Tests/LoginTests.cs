using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PurifierRental.GatewayService.Adapters.Identity;
using RentalCli.Tests.Infrastructure;

namespace RentalCli.Tests;

/// <summary><c>rental login</c> prints a development token the gateway accepts: its issuer, audience, key and claims.</summary>
public sealed class LoginTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rental-login-").FullName;

    [Fact]
    public async Task Login_prints_a_token_signed_with_the_development_key_for_the_subject_and_role()
    {
        var keyPath = Path.Combine(_folder, "key");

        var result = await new Cli(GatewayConnectionTests.ClosedPort()).RunAsync("login", "--role", "engineer", "--subject", "eng-7", "--key", keyPath);

        Assert.Equal(0, result.ExitCode);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(result.Output.Trim(), new TokenValidationParameters
        {
            ValidIssuer = DevelopmentTokens.Issuer,
            ValidAudience = DevelopmentTokens.Audience,
            IssuerSigningKey = DevelopmentSigningKey.LoadOrCreate(keyPath),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(("eng-7", "engineer"), ((string)validation.Claims["sub"], (string)validation.Claims["roles"]));
    }

    [Fact]
    public async Task Login_refuses_a_role_the_gateway_does_not_know()
    {
        var result = await new Cli(GatewayConnectionTests.ClosedPort()).RunAsync("login", "--role", "admin", "--subject", "x", "--key", Path.Combine(_folder, "key"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "key")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
