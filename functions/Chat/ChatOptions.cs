using System.ComponentModel.DataAnnotations;
using Steunpunt.Chat.Schedule;

namespace Steunpunt.Chat;

public sealed class ChatOptions : IValidatableObject
{
    public const string Section = "Chat";

    /// <summary>
    /// Per day of the week (<c>Monday</c> … <c>Sunday</c>) the periods the chat is staffed, e.g.
    /// <c>"09:00-17:00,18:00-21:00"</c> (office hours and the evening shift); missing or <c>closed</c> = closed.
    /// </summary>
    public Dictionary<string, string> OpeningHours { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Monday"] = "09:00-17:00,18:00-21:00",
        ["Tuesday"] = "09:00-17:00,18:00-21:00",
        ["Wednesday"] = "09:00-17:00,18:00-21:00",
        ["Thursday"] = "09:00-17:00,18:00-21:00",
        ["Friday"] = "09:00-17:00",
    };

    /// <summary>
    /// For a demo or a test on any day and hour: the chat is open all the time, holidays included, whatever
    /// <see cref="OpeningHours"/> says. Off by default; never set it where visitors would meet an unstaffed chat.
    /// </summary>
    public bool AlwaysOpen { get; set; }

    /// <summary>Days the chat is closed whatever the weekday says (<c>yyyy-MM-dd</c>).</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>A chat started at or after this local time counts as the evening shift in the insights.</summary>
    public string EveningFrom { get; set; } = "18:00";

    /// <summary>Where a visitor can go instead when the chat is closed (Dutch texts; shown by the widget).</summary>
    public ChatAlternatives Alternatives { get; set; } = new();

    [Range(50, 10_000)]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Messages one chat may send per minute (visitor and staff each).</summary>
    [Range(1, 600)]
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>Chats one client address may start per hour (counted in storage under a keyed hash of the address).</summary>
    [Range(1, 1000)]
    public int StartsPerHourPerAddress { get; set; } = 10;

    /// <summary>Writes of a visitor (messages, typing, close, rating, delete, negotiate) per client address an hour, over all its chats.</summary>
    [Range(1, 100_000)]
    public int ActionsPerHourPerAddress { get; set; } = 600;

    /// <summary>Days a transcript (messages, satisfaction comment) is kept after the chat ended.</summary>
    [Range(1, 365)]
    public int TranscriptRetentionDays { get; set; } = 30;

    /// <summary>An open chat without any message for this long is closed.</summary>
    [Range(5, 1440)]
    public int IdleMinutes { get; set; } = 30;

    /// <summary>A chat waiting longer than this raises a "waiting too long" staff notification (once).</summary>
    [Range(1, 240)]
    public int WaitAlertMinutes { get; set; } = 5;

    /// <summary>Lifetime of a visitor's SignalR access token (it only has to last until the connection is made).</summary>
    [Range(1, 120)]
    public int RealtimeTokenMinutes { get; set; } = 15;

    [Range(1, 1096)]
    public int MaxInsightsDays { get; set; } = 366;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (day, periods) in OpeningHours)
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out _))
            {
                yield return new ValidationResult($"'{day}' is not a day of the week (Monday … Sunday).", [nameof(OpeningHours)]);
            }
            else if (OpeningPeriod.TryParseDay(periods, out _, out var error) is false)
            {
                yield return new ValidationResult($"{day}: {error}", [nameof(OpeningHours)]);
            }
        }
        foreach (var holiday in Holidays)
        {
            if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", out _)) yield return new ValidationResult($"'{holiday}' is not a date (yyyy-MM-dd).", [nameof(Holidays)]);
        }
        if (!TimeOnly.TryParseExact(EveningFrom, "HH:mm", out _)) yield return new ValidationResult("must be a time such as '18:00'.", [nameof(EveningFrom)]);
    }
}

public sealed class ChatAlternatives
{
    public string MailFormUrl { get; set; } = "/contact";
    public string SelfTestUrl { get; set; } = "/zelftest";
    public string Phone { get; set; } = "0900-0101";
    public string PhoneHours { get; set; } = "maandag t/m vrijdag 8:00-20:00";
}
