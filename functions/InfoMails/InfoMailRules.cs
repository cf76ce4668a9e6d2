using System.Globalization;
using System.Net.Mail;
using Steunpunt.Common;
using Steunpunt.Common.Http;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

/// <summary>
/// Checks a staff request completely before anything is composed, stored or queued. Every failure names the field, and an
/// unknown crime type or block names the value. Texts are Dutch (staff read them).
/// </summary>
public static class InfoMailRules
{
    public const int MaxBodyBytes = 8 * 1024;
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 254;
    public const int MaxExtraBlocks = 10;
    public const int MaxCommentLength = 1000;

    public static (ValidInfoMailRequest? Valid, IReadOnlyDictionary<string, string[]> Errors) Validate(InfoMailRequest request, InfoMailCatalog catalog, bool recipientRequired)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        var template = catalog.FindTemplate(request.CrimeType);
        if (template is null)
        {
            errors["crimeType"] = [$"Onbekend delicttype '{Problem.Echo(request.CrimeType)}'; kies uit: {string.Join(", ", catalog.CrimeTypes)}."];
        }
        if (!MailLanguages.All.Contains(request.Language))
        {
            errors["language"] = [$"Onbekende taal '{Problem.Echo(request.Language)}'; kies uit: {string.Join(", ", MailLanguages.All)}."];
        }

        string? recipient = null;
        if (request.Recipient is not null || recipientRequired)
        {
            (recipient, var problem) = CheckAddress(request.Recipient);
            if (problem is not null) errors["recipient"] = [problem];
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (request.Name is not null && CheckName(request.Name) is { } nameProblem) errors["name"] = [nameProblem];

        var extras = request.ExtraBlocks ?? [];
        if (extras.Count > MaxExtraBlocks)
        {
            errors["extraBlocks"] = [$"Kies hoogstens {MaxExtraBlocks} extra blokken; een informatiemail is bedoeld om kort te zijn."];
        }
        else
        {
            for (var i = 0; i < extras.Count; i++)
            {
                if (extras[i] is not { } id || catalog.FindBlock(id) is null)
                {
                    errors[$"extraBlocks[{i}]"] = [$"Onbekend blok '{Problem.Echo(extras[i] ?? "null")}'; zie GET /api/info-mails/content voor de blokken."];
                }
            }
        }

        if (errors.Count > 0 || template is null) return (null, errors);
        var blocks = catalog.ResolveBlocks(template, extras);
        return (new ValidInfoMailRequest(new InfoMailDraft(template.CrimeType, request.Language, name, blocks), recipient), errors);
    }

    /// <summary>A bare address only (no display name, comment or list), as the mail service and its headers need it.</summary>
    public static (string? Address, string? Problem) CheckAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, "Vul het e-mailadres van de ontvanger in.");
        var address = value.Trim();
        if (address.Length > MaxAddressLength) return (null, $"Een e-mailadres is hoogstens {MaxAddressLength} tekens.");
        if (address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || !MailAddress.TryCreate(address, out var parsed)
            || parsed.Address != address || parsed.DisplayName.Length > 0 || !parsed.Host.Contains('.') || parsed.Host.EndsWith('.'))
        {
            return (null, "Dit is geen geldig e-mailadres. Geef alleen het adres zelf, zoals naam@voorbeeld.nl.");
        }
        return (address, null);
    }

    /// <summary>
    /// The name goes into the greeting and the recipient's display name (a mail header), so line breaks and other control or
    /// direction-changing characters are refused. HTML in a name is allowed: it is encoded wherever it is shown.
    /// </summary>
    public static string? CheckName(string name)
    {
        if (name.Trim().Length > MaxNameLength) return $"Een naam is hoogstens {MaxNameLength} tekens.";
        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F')
            {
                return "Een naam mag geen regeleinden, tabs of andere stuurtekens bevatten.";
            }
        }
        return null;
    }

    public static string? CheckSatisfaction(InfoMailSatisfactionRequest request, out string field)
    {
        field = "score";
        if (!Ratings.IsValid(request.Score)) return Ratings.OutOfRange;
        field = "comment";
        if (request.Comment is { Length: > MaxCommentLength }) return $"Uw toelichting mag hoogstens {MaxCommentLength} tekens zijn.";
        if (!FreeText.IsText(request.Comment))
        {
            return "Uw toelichting bevat tekens die niet zijn toegestaan.";
        }
        return null;
    }

    /// <summary>The problem's detail: the messages themselves when there are few, so an unknown crime type or block is named there too.</summary>
    public static string Detail(IReadOnlyDictionary<string, string[]> errors)
        => (errors.Count == 1 ? "" : $"Er zijn {errors.Count} fouten: ") + string.Join(" ", errors.Values.SelectMany(m => m)) + " Er is niets verstuurd of opgeslagen.";
}
