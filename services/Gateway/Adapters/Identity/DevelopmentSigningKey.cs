using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PurifierRental.GatewayService.Adapters.Identity;

/// <summary>
/// The key that signs and checks development tokens (HMAC-SHA256): created on first use in the user's own profile
/// (<c>~/.config/purifierrental/gateway-development-key</c>), readable by that user only, never in the repository.
/// The gateway and <c>rental login</c> both load it, so a token the one signs the other accepts.
/// </summary>
public static class DevelopmentSigningKey
{
    private const int KeyBytes = 32;

    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        "purifierrental", "gateway-development-key");

    public static SymmetricSecurityKey LoadOrCreate(string? path = null)
    {
        var file = path ?? DefaultPath;
        if (!File.Exists(file))
        {
            TryCreate(file);
        }
        var key = Convert.FromBase64String(File.ReadAllText(file).Trim());
        return key.Length >= KeyBytes
            ? new SymmetricSecurityKey(key) { KeyId = "development" }
            : throw new InvalidOperationException($"The development signing key in {file} is shorter than {KeyBytes} bytes; delete the file to have a new one made.");
    }

    private static void TryCreate(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var writer = new StreamWriter(file, options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process (the gateway, or `rental login`) made it first: use theirs.
        }
    }
}
