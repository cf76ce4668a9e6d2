using System.Net.Mail;
using PhoneNumbers;

namespace Steunpunt.SelfTests.Contact;

/// <summary>Checks and normalises how a visitor wants to be contacted: a phone number (to E.164) or an e-mail address.</summary>
public static class ContactDetails
{
    public const string Phone = "phone";
    public const string Email = "email";
    public static readonly IReadOnlyList<string> Channels = [Phone, Email];
    private const string DefaultRegion = "NL";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

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

    private static (string?, string?) NormalisePhone(string contact)
    {
        try
        {
            var number = Phones.Parse(contact, DefaultRegion);
            if (!Phones.IsValidNumber(number)) return (null, "Dit is geen geldig telefoonnummer.");
            var type = Phones.GetNumberType(number);
            if (type is PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST or PhoneNumberType.TOLL_FREE or PhoneNumberType.UAN or PhoneNumberType.VOICEMAIL)
            {
                return (null, "Geef een gewoon vast of mobiel nummer waarop we u kunnen terugbellen.");
            }
            return (Phones.Format(number, PhoneNumberFormat.E164), null);
        }
        catch (NumberParseException)
        {
            return (null, "Dit is geen geldig telefoonnummer.");
        }
    }

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
