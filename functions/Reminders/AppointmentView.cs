namespace Steunpunt.Reminders;

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
