using System.Net.Mail;
using Steunpunt.Connectors.Sms;

namespace Steunpunt.SelfTests.Contact;

/// <summary>Checks and normalises how a visitor wants to be contacted: a phone number (to E.164) or an e-mail address.</summary>
public static class ContactDetails
{
    public const string Phone = "phone";
    public const string Email = "email";
    public static readonly IReadOnlyList<string> Channels = [Phone, Email];

    /// <summary>The normalised contact detail, or an error text in Dutch.</summary>
    public static (string? Normalised, string? Error) Normalise(string channel, string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact)) return (null, "Vul in hoe we u kunnen bereiken.");
        contact = contact.Trim();
        if (contact.Length > 254) return (null, "Dit gegeven is te lang.");
        return channel switch
        {
            Phone => NormalisePhone(contact),
            Email => NormaliseEmail(contact),
            _ => (null, $"Kies hoe we contact opnemen: {string.Join(" of ", Channels)}."),
        };
    }

    private static (string?, string?) NormalisePhone(string contact) => PhoneNumberRules.Normalise(contact, PhoneNumberUse.Call);

    private static (string?, string?) NormaliseEmail(string contact)
    {
        // MailAddress accepts display names and comments; only a bare address is a valid reply address here.
        if (contact.Any(char.IsControl) || contact.Contains(' ') || !MailAddress.TryCreate(contact, out var address)
            || address.Address != contact || !address.Host.Contains('.'))
        {
            return (null, "Dit is geen geldig e-mailadres.");
        }
        return (address.Address, null);
    }
}
