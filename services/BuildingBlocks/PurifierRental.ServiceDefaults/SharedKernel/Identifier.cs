namespace PurifierRental.ServiceDefaults.SharedKernel;

/// <summary>
/// The one rule for the ids every context accepts (order, customer, engineer and request ids): 1 to 128 printable
/// characters without spaces. Customer ids are identity providers' subjects (Entra ID's base64url, Auth0's
/// "auth0|..."), so the rule does not narrow the alphabet further; state keys escape ids, so no character can
/// break a key.
/// </summary>
public static class Identifier
{
    public const int MaxLength = 128;

    /// <summary>The rule in words, for the messages that refuse an id.</summary>
    public const string Rule = "1 to 128 printable characters without spaces";

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
