using System.Globalization;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Schedule;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>Whether the chat is staffed now, and if not, when it opens and where else to go (Dutch texts).</summary>
public sealed class ChatAvailabilityQuery(ChatSchedule schedule, IOptions<ChatOptions> options, TimeProvider clock)
{
    public AvailabilityView Now()
    {
        var availability = schedule.At(clock.GetUtcNow());
        var alternatives = options.Value.Alternatives;
        return new AvailabilityView(availability.Open, availability.ClosesAt, availability.NextOpening,
            availability.Open ? "De chat is open. Een medewerker helpt u zo snel mogelijk." : ClosedText(availability.NextOpening),
            new AlternativesView(alternatives.MailFormUrl, alternatives.SelfTestUrl, alternatives.Phone, alternatives.PhoneHours));
    }

    private string ClosedText(DateTimeOffset? next)
    {
        var alternatives = options.Value.Alternatives;
        var rest = $"U kunt ons een bericht sturen via het contactformulier, de zelftest doen, of bellen: {alternatives.Phone} ({alternatives.PhoneHours}). Bij direct gevaar: bel 112.";
        if (next is null) return "De chat is op dit moment gesloten. " + rest;
        var local = TimeZoneInfo.ConvertTime(next.Value, schedule.Zone);
        var dutch = CultureInfo.GetCultureInfo("nl-NL");
        return $"De chat is nu gesloten en gaat weer open op {local.ToString("dddd d MMMM 'om' HH:mm", dutch)}. " + rest;
    }
}
