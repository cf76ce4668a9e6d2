using System.Globalization;
using System.Net;
using Steunpunt.Connectors.Email;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// The mails the sender gets. The receipt deliberately does not repeat the question: a mailbox can be read by
/// someone else (a partner, a stalker), and the receipt need not tell them more than that the person wrote.
/// </summary>
public static class MailTexts
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static EmailMessage Receipt(MailCase mailCase, DateOnly answerBy, string phone)
    {
        var to = new EmailAddress(mailCase.ReplyAddress, mailCase.Name);
        if (mailCase.Language == "en")
        {
            var text = $"""
                {Greeting(mailCase.Name, "Dear", "Hello")}

                Thank you for your message. We have received it under reference {mailCase.Reference}.
                One of our staff will answer you by {answerBy.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"))} at the latest.

                Need help sooner? Call us on {phone}, or chat with us on our website.
                In danger right now? Call 112. Thinking about suicide? Call 113 or 0800-0113.

                You can reply to this mail; please keep the reference in the subject.

                Steunpunt
                """;
            return new EmailMessage([to], $"We have received your message [{mailCase.Reference}]", text, Html(text));
        }
        var nl = $"""
            {Greeting(mailCase.Name, "Beste", "Hallo")}

            Dank u voor uw bericht. We hebben het ontvangen onder kenmerk {mailCase.Reference}.
            Een van onze medewerkers beantwoordt het uiterlijk {answerBy.ToString("dddd d MMMM", Dutch)}.

            Heeft u eerder hulp nodig? Bel ons op {phone}, of chat met ons via de website.
            Bent u nu in gevaar? Bel 112. Denkt u aan zelfdoding? Bel 113 of 0800-0113.

            U kunt op deze mail antwoorden; laat het kenmerk dan in het onderwerp staan.

            Steunpunt
            """;
        return new EmailMessage([to], $"We hebben uw bericht ontvangen [{mailCase.Reference}]", nl, Html(nl));
    }

    /// <summary>A staff reply: their sanitised HTML, its plain text, and the link to rate the answer.</summary>
    public static EmailMessage Reply(MailCase mailCase, MailThreadEntry reply, string satisfactionUrl)
    {
        var link = $"{satisfactionUrl}?ref={mailCase.Id}";
        var (subject, rate) = mailCase.Language == "en"
            ? ($"Re: your message to Steunpunt [{mailCase.Reference}]", "Was this answer clear? Let us know:")
            : ($"Re: uw bericht aan Steunpunt [{mailCase.Reference}]", "Was dit antwoord duidelijk? Laat het ons weten:");
        var text = $"{reply.Text}\n\n{rate} {link}\n";
        var html = $"{reply.Html ?? Html(reply.Text)}<p>{WebUtility.HtmlEncode(rate)} <a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>";
        return new EmailMessage([new EmailAddress(mailCase.ReplyAddress, mailCase.Name)], subject, text, html);
    }

    private static string Greeting(string? name, string formal, string plain) => string.IsNullOrWhiteSpace(name) ? plain + "," : $"{formal} {name},";

    /// <summary>Plain text as HTML: every character encoded, paragraphs kept.</summary>
    public static string Html(string text)
        => string.Join("", text.Replace("\r\n", "\n").Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p.Trim()).Replace("\n", "<br>")}</p>"));
}
