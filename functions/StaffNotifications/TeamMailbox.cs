using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Notifications;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Which notifications also go to the team mailbox, and the mail for one: short, in Dutch, saying what happened and
/// where to look. It is built from the notification alone (kind, reference, time, the non-personal details), so it
/// can hold no personal data either.
/// </summary>
public sealed class TeamMailbox(IOptions<StaffNotificationsOptions> options, OrganisationClock organisation)
{
    public const string NotificationIdHeader = "X-Steunpunt-Notification-Id";

    private readonly IReadOnlySet<string> mailKinds = options.Value.MailKindSet();
    private readonly TimeZoneInfo zone = organisation.Zone;

    public string? Address => string.IsNullOrWhiteSpace(options.Value.TeamMailbox) ? null : options.Value.TeamMailbox;

    /// <summary>True when a team mailbox is set and the kind is one of <c>StaffNotifications:MailKinds</c>.</summary>
    public bool ShouldMail(StaffNotification notification) => Address is not null && mailKinds.Contains(notification.Kind);

    /// <summary>One mail per notification id, whatever the number of attempts: the e-mail operation id follows from this key.</summary>
    public static IdempotencyKey KeyFor(StaffNotification notification) => new("staff-notification/" + notification.Id.ToString("N"), notification.OccurredAt);

    public EmailMessage Compose(StaffNotification notification)
    {
        var (subject, what, where) = Describe(notification);
        var local = TimeZoneInfo.ConvertTime(notification.OccurredAt, zone);
        var when = local.ToString("dddd d MMMM yyyy 'om' HH:mm", Dutch);
        const string footer = "U krijgt deze melding omdat dit soort melding ook naar de teammailbox gaat (instelling StaffNotifications:MailKinds). "
            + "Deze mail bevat bewust geen persoonsgegevens.";

        var text = new StringBuilder()
            .AppendLine(what).AppendLine()
            .AppendLine(where).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Tijdstip: {when}")
            .AppendLine(CultureInfo.InvariantCulture, $"Kenmerk: {notification.Reference}")
            .AppendLine(CultureInfo.InvariantCulture, $"Soort melding: {notification.Kind}")
            .AppendLine().AppendLine("-- ").Append(footer)
            .ToString();
        var html = $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.4">
            <p>{E(what)}</p>
            <p><strong>{E(where)}</strong></p>
            <table cellpadding="4">
            <tr><td>Tijdstip</td><td>{E(when)}</td></tr>
            <tr><td>Kenmerk</td><td><code>{E(notification.Reference)}</code></td></tr>
            <tr><td>Soort melding</td><td><code>{E(notification.Kind)}</code></td></tr>
            </table>
            <p style="color: #666; font-size: small">{E(footer)}</p>
            </body></html>
            """;
        return new EmailMessage([new EmailAddress(Address!, "Team Steunpunt")], OneLine(subject), text, html)
        {
            Headers = new Dictionary<string, string> { [NotificationIdHeader] = notification.Id.ToString() },
        };
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Subject (no line breaks, nothing from outside), what happened, and where to look.</summary>
    private static (string Subject, string What, string Where) Describe(StaffNotification n)
    {
        string? Detail(string name) => n.Details is not null && n.Details.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        switch (n.Kind)
        {
            case StaffNotificationKinds.ChatWaitingTooLong:
                var minutes = int.TryParse(Detail("waitedMinutes"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : (int?)null;
                return (minutes is { } wait ? $"Steunpunt: een chat wacht al {wait} minuten" : "Steunpunt: een chat wacht te lang",
                    minutes is { } w ? $"Een bezoeker wacht al {w} minuten in de chat op een medewerker." : "Een bezoeker wacht al lang in de chat op een medewerker.",
                    "Open de wachtrij in de chatconsole en neem de chat aan.");
            case StaffNotificationKinds.ChatWaiting:
                return ("Steunpunt: er wacht een nieuwe chat", "Een bezoeker is een chat begonnen en wacht op een medewerker.",
                    "Open de wachtrij in de chatconsole en neem de chat aan.");
            case StaffNotificationKinds.ChatVisitorMessage:
                return ("Steunpunt: nieuw bericht in een wachtende chat", "Een bezoeker schreef een bericht in een chat die nog niemand heeft aangenomen.",
                    "Open de wachtrij in de chatconsole en neem de chat aan.");
            case StaffNotificationKinds.MailReceived:
                return ("Steunpunt: nieuwe mail via het contactformulier", "Er is een nieuwe mail binnengekomen via het contactformulier.",
                    "Bekijk de mail-inbox in de console (status 'nieuw').");
            case StaffNotificationKinds.MailMessage:
                var mailCase = Detail("reference");
                return ("Steunpunt: nieuw bericht in een mailzaak",
                    mailCase is null ? "De afzender van een mailzaak schreef een nieuw bericht via de vervolgpagina." : $"De afzender van zaak {mailCase} schreef een nieuw bericht via de vervolgpagina.",
                    Detail("reopened") == "true" ? "De zaak was afgesloten en staat weer open; bekijk hem in de mail-inbox van de console." : "Bekijk de zaak in de mail-inbox van de console.");
            case StaffNotificationKinds.SelfTestContactRequest:
                var channel = Detail("channel") switch { "phone" => "telefonisch", "email" => "per e-mail", _ => null };
                return ("Steunpunt: contactverzoek na een zelftest",
                    channel is null ? "Iemand heeft na een zelftest gevraagd om contact." : $"Iemand heeft na een zelftest gevraagd om {channel} contact.",
                    "Het verzoek staat klaar bij de contactverzoeken; zoek het op met het kenmerk hieronder.");
            case StaffNotificationKinds.SmsFailed:
                var status = Detail("deliveryStatus");
                return ("Steunpunt: een sms is niet afgeleverd",
                    status is null ? "Een sms van Steunpunt kon niet worden afgeleverd." : $"Een sms van Steunpunt kon niet worden afgeleverd (status: {status}).",
                    "Zoek het bericht op met het kenmerk hieronder en neem zo nodig op een andere manier contact op.");
            case StaffNotificationKinds.MailUndeliverable:
                var mailStatus = Detail("deliveryStatus");
                var caseReference = Detail("caseReference");
                return ("Steunpunt: een e-mail is niet afgeleverd",
                    (caseReference is null ? "Een e-mail van Steunpunt kon niet worden afgeleverd" : $"Een e-mail van Steunpunt aan de afzender van zaak {caseReference} kon niet worden afgeleverd")
                        + (mailStatus is null ? "." : $" (status: {mailStatus})."),
                    caseReference is null
                        ? "Zoek de mail op met het kenmerk hieronder en neem zo nodig op een andere manier contact op."
                        : "Het adres van deze zaak werkt waarschijnlijk niet; een antwoord per mail komt dan ook niet aan.");
            case StaffNotificationKinds.MessageParked:
                var queue = Detail("queue") ?? "?";
                var poison = Detail("poisonQueue") ?? n.Reference;
                var count = Detail("count") ?? "?";
                return ($"Steunpunt: berichten apart gezet in {poison}",
                    $"Berichten uit de wachtrij '{queue}' konden na herhaalde pogingen niet worden verwerkt en staan nu apart in '{poison}' ({count} in totaal).",
                    "Vraag een beheerder om ze te bekijken (opslagaccount, wachtrij '" + poison + "') en ze zo nodig opnieuw aan te bieden.");
            default:
                return ("Steunpunt: nieuwe melding", $"Er is een melding van de soort '{n.Kind}'.", "Bekijk de meldingen in de console.");
        }
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>A subject is a header: no line breaks or other control characters, whatever a detail holds.</summary>
    private static string OneLine(string value) => new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
