using PhoneNumbers;

namespace Steunpunt.Connectors.Sms;

public enum PhoneNumberUse
{
    /// <summary>To call back: fixed or mobile, no premium-rate or shared-cost numbers.</summary>
    Call,

    /// <summary>To send an SMS to: a mobile number.</summary>
    Sms,
}

/// <summary>Checks a phone number and gives it in E.164, with libphonenumber's metadata (Dutch numbers by default).</summary>
public static class PhoneNumberRules
{
    public const string DefaultRegion = "NL";
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <returns>The E.164 number, or an error text in Dutch for the person who typed it.</returns>
    public static (string? E164, string? Error) Normalise(string? input, PhoneNumberUse use, string defaultRegion = DefaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input)) return (null, "Vul een telefoonnummer in.");
        if (input.Length > 40) return (null, "Dit telefoonnummer is te lang.");
        PhoneNumber number;
        try
        {
            number = Phones.Parse(input.Trim(), defaultRegion);
        }
        catch (NumberParseException)
        {
            return (null, "Dit is geen geldig telefoonnummer.");
        }
        if (!Phones.IsValidNumber(number)) return (null, "Dit is geen geldig telefoonnummer.");

        var type = Phones.GetNumberType(number);
        if (type is PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST or PhoneNumberType.TOLL_FREE or PhoneNumberType.UAN or PhoneNumberType.VOICEMAIL)
        {
            return (null, "Geef een gewoon mobiel of vast nummer, geen betaal- of servicenummer.");
        }
        // Where a country does not tell fixed from mobile numbers apart (the US), the number may still take an SMS.
        if (use == PhoneNumberUse.Sms && type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return (null, "Voor sms hebben we een mobiel nummer nodig.");
        }
        return (Phones.Format(number, PhoneNumberFormat.E164), null);
    }
}
