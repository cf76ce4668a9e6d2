using System.Net.Mail;
using Steunpunt.Common;

namespace Steunpunt.MailIntake;

/// <summary>
/// Checks the mail form. Errors are Dutch, per field (a field-error map; the endpoint turns it into the problem answer); a
/// rejected form is neither stored nor queued.
/// </summary>
public static class MailIntakeRules
{
    public static readonly IReadOnlyList<string> Languages = ["nl", "en"];

    /// <summary>What is wrong, per field; null when nothing is.</summary>
    public static IReadOnlyDictionary<string, string[]>? Check(MailIntakeForm form, int maxQuestionLength)
    {
        var errors = new Dictionary<string, string[]>();
        if (NormaliseAddress(form.ReplyAddress) is null) errors["replyAddress"] = ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."];
        if (form.Name is { } name)
        {
            if (name.Length > 100) errors["name"] = ["Een naam mag hoogstens 100 tekens zijn."];
            // CR/LF would let a name add mail headers; no control character belongs in a name.
            else if (!FreeText.IsLine(name)) errors["name"] = [$"De naam {FreeText.NotAllowed}."];
        }
        if (form.CrimeType is not null && !CrimeTypes.All.Contains(form.CrimeType))
        {
            errors["crimeType"] = [$"Kies een van: {string.Join(", ", CrimeTypes.All)}."];
        }
        if (MessageError(form.Question, maxQuestionLength) is { } question) errors["question"] = [question];
        if (form.Language is not null && !Languages.Contains(form.Language)) errors["language"] = ["Kies 'nl' of 'en'."];
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>A message from the sender through the continue page: the same rules as the form's question; what is wrong with its text, or null.</summary>
    public static string? Check(SenderMessageRequest message, int maxLength) => MessageError(message.Text, maxLength);

    /// <summary>What is wrong with a sender's text (the question, or a later message); null when nothing is.</summary>
    private static string? MessageError(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Schrijf uw vraag of verhaal.";
        if (text.Length > maxLength) return $"Uw bericht mag hoogstens {maxLength} tekens zijn.";
        if (!FreeText.IsText(text)) return $"Het bericht {FreeText.NotAllowed}.";
        return null;
    }

    /// <summary>A bare address in lower case (the form of it we compare); null when it is not a usable reply address.</summary>
    public static string? NormaliseAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.Length > 254 || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return null;
        if (!MailAddress.TryCreate(value, out var address) || address.Address != value || !address.Host.Contains('.')) return null;
        return value.ToLowerInvariant();
    }

    /// <summary>A short reference a person can read out on the phone: SP- and 8 characters from the case id.</summary>
    public static string Reference(Guid caseId)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I
        var bytes = caseId.ToByteArray();
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] % alphabet.Length];
        return "SP-" + new string(chars);
    }
}
