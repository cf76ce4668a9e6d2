using System.Globalization;
using System.Net;
using Steunpunt.Connectors.Email;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// The mails the sender gets. They go to whatever address the form was given, so they carry no text the sender chose:
/// not the name (neither in the greeting nor as the recipient's display name), not the question, nothing else from the
/// form; only our own words, the reference, the answer date and the continue link. Otherwise anyone could have us mail
/// a stranger their own words in our name ("Beste klant. Uw zaak is gesloten; log in op …"). Not repeating the question
/// also protects a sender whose mailbox someone else reads (a partner, a stalker).
/// Mails come from an address nobody reads, so every mail says so and gives the continue link (see
/// <see cref="Sender.MailLinks"/>) as the way to write again.
/// </summary>
public static class MailTexts
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static EmailMessage Receipt(MailCase mailCase, DateOnly answerBy, string phone, string? continueLink)
    {
        var to = new EmailAddress(mailCase.ReplyAddress);
        if (mailCase.Language != "en")
        {
            var nl = $"""
                Goedendag,

                Dank u voor uw bericht. We hebben het ontvangen onder kenmerk {mailCase.Reference}.
                Een van onze medewerkers beantwoordt het uiterlijk {answerBy.ToString("dddd d MMMM", Dutch)}.

                Heeft u eerder hulp nodig? Bel ons op {phone}, of chat met ons via de website.
                Bent u nu in gevaar? Bel 112. Denkt u aan zelfdoding? Bel 113 of 0800-0113.

                {Continue(false, continueLink)}

                Steunpunt
                """;
            return new EmailMessage([to], $"We hebben uw bericht ontvangen [{mailCase.Reference}]", nl, Html(nl, continueLink));
        }
        var text = $"""
            Hello,

            Thank you for your message. We have received it under reference {mailCase.Reference}.
            One of our staff will answer you by {answerBy.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"))} at the latest.

            Need help sooner? Call us on {phone}, or chat with us on our website.
            In danger right now? Call 112. Thinking about suicide? Call 113 or 0800-0113.

            {Continue(true, continueLink)}

            Steunpunt
            """;
        return new EmailMessage([to], $"We have received your message [{mailCase.Reference}]", text, Html(text, continueLink));
    }

    /// <summary>How to write again: the continue link, or the form when the queued mail has none (docs/decisions/0006).</summary>
    private static string Continue(bool english, string? link) => link is null
        ? english ? NoLinkEnglish : NoLinkDutch
        : english ? $"{ContinueEnglish}\n{link}\n\n{KeepEnglish}" : $"{ContinueDutch}\n{link}\n\n{KeepDutch}";

    private const string NoLinkDutch = "Op deze mail kunt u niet antwoorden. Wilt u iets aanvullen? Stuur dan een nieuw bericht via het contactformulier op onze website en noem het kenmerk.";
    private const string NoLinkEnglish = "You cannot reply to this mail. To add something, send a new message through the contact form on our website and give the reference.";
    private const string ContinueDutch = "Op deze mail kunt u niet antwoorden. Wilt u iets aanvullen of op ons antwoord reageren? Dat kan via deze link:";
    private const string KeepDutch = "Deel deze link niet: met de link kan iemand uw berichten lezen. Wis deze mail als iemand anders uw mailbox kan lezen.";
    private const string ContinueEnglish = "You cannot reply to this mail. To add something or to answer us, use this link:";
    private const string KeepEnglish = "Do not share this link: anyone who has it can read your messages. Delete this mail if someone else can read your mailbox.";

    /// <summary>A staff reply (staff's words, to the form's address without the form's name): their sanitised HTML, its plain text, the continue link (when the queued reply has one) and the link to rate the answer.</summary>
    public static EmailMessage Reply(MailCase mailCase, MailThreadEntry reply, string satisfactionUrl, string? continueLink)
    {
        var link = $"{satisfactionUrl}?ref={mailCase.Id}";
        var english = mailCase.Language == "en";
        var (subject, rate) = english
            ? ($"Re: your message to Steunpunt [{mailCase.Reference}]", "Was this answer clear? Let us know:")
            : ($"Re: uw bericht aan Steunpunt [{mailCase.Reference}]", "Was dit antwoord duidelijk? Laat het ons weten:");
        var write = Continue(english, continueLink);
        var text = $"{reply.Text}\n\n{write}\n\n{rate} {link}\n";
        var html = (reply.Html ?? Html(reply.Text)) + Html(write, continueLink) + $"<p>{E(rate)} {Anchor(link)}</p>";
        return new EmailMessage([new EmailAddress(mailCase.ReplyAddress)], subject, text, html);
    }

    /// <summary>Plain text as HTML: every character encoded, paragraphs kept, and <paramref name="link"/> (if any) made a link.</summary>
    public static string Html(string text, string? link = null)
    {
        var html = string.Join("", text.Replace("\r\n", "\n").Split("\n\n").Select(p => $"<p>{E(p.Trim()).Replace("\n", "<br>")}</p>"));
        return link is null ? html : html.Replace(E(link), Anchor(link), StringComparison.Ordinal);
    }

    private static string Anchor(string link) => $"<a href=\"{E(link)}\">{E(link)}</a>";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
