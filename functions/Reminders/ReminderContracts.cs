namespace Steunpunt.Reminders;

public static class AppointmentKinds
{
    public const string Office = "office";
    public const string Phone = "phone";
    public const string HomeVisit = "home-visit";
    public static readonly IReadOnlyList<string> All = [Office, Phone, HomeVisit];
}

public static class AppointmentOutcomes
{
    public const string Attended = "attended";
    public const string NoShow = "no-show";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Attended, NoShow, Cancelled];
}

/// <summary>What staff post to create or change an appointment. <see cref="StartsAt"/> is local time in the organisation's zone.</summary>
public sealed record AppointmentRequest(
    string StartsAt,
    string Kind,
    bool ConsentToSms,
    string? PhoneNumber = null,
    string? Place = null,
    string? Language = null);

public sealed record AppointmentOutcomeRequest(string Outcome);

/// <summary>An appointment as staff see it; the phone number is masked except for its last digits.</summary>
public sealed record AppointmentView(
    string Id,
    int Version,
    string Status,
    DateTimeOffset StartsAt,
    string StartsAtLocal,
    string Kind,
    string? Place,
    string? PhoneNumber,
    bool ConsentToSms,
    string Language,
    string Arm,
    string? Outcome,
    IReadOnlyList<DateTimeOffset> RemindersDue);

/// <summary>The message on the <c>sms-reminders</c> queue: one reminder to send.</summary>
public sealed record ReminderMessage(int SchemaVersion, string AppointmentId, int Version, int LeadMinutes, DateTimeOffset DueAt, string Bucket, string RowKey)
{
    public const int CurrentSchemaVersion = 1;
}
