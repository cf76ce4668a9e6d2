namespace Steunpunt.Reminders;

/// <summary>What staff post to create or change an appointment. <see cref="StartsAt"/> is local time in the organisation's zone.</summary>
public sealed record AppointmentRequest(
    string StartsAt,
    string Kind,
    bool ConsentToSms,
    string? PhoneNumber = null,
    string? Place = null,
    string? Language = null);
