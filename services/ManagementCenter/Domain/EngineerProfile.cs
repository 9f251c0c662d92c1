namespace PurifierRental.ManagementCenterService.Domain;

using System.Text.RegularExpressions;
using PurifierRental.ServiceDefaults.SharedKernel;

/// <summary>An engineer's details as staff (or the seed configuration) register them; valid by construction.</summary>
public sealed partial record EngineerProfile
{
    private EngineerProfile(string engineerId, string name, string phone, string region)
    {
        EngineerId = engineerId;
        Name = name;
        Phone = phone;
        Region = region;
    }

    public string EngineerId { get; }

    public string Name { get; }

    public string Phone { get; }

    public string Region { get; }

    /// <exception cref="InvalidEngineerException">A field is missing or malformed; the message names it.</exception>
    public static EngineerProfile Create(string engineerId, string name, string phone, string region)
    {
        engineerId = engineerId.Trim();
        if (!Identifier.IsValid(engineerId))
        {
            throw new InvalidEngineerException("engineer_id", $"must be {Identifier.Rule}.");
        }
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            throw new InvalidEngineerException("name", name.Length == 0 ? "is required." : "must be at most 100 printable characters.");
        }
        phone = phone.Trim();
        if (phone.Length == 0)
        {
            throw new InvalidEngineerException("phone", "is required.");
        }
        if (!PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) is < 7 or > 15)
        {
            throw new InvalidEngineerException("phone", "must be a phone number of 7 to 15 digits (spaces, '-', '+' and parentheses allowed).");
        }
        region = region.Trim();
        if (!RegionCode.IsValid(region))
        {
            throw new InvalidEngineerException("region", region.Length == 0 ? "is required." : $"must be {RegionCode.Rule}.");
        }
        return new EngineerProfile(engineerId, name, phone, region);
    }

    [GeneratedRegex(@"^\+?[0-9 ()-]+$")]
    private static partial Regex PhonePattern();
}
