namespace Steunpunt.Reminders;

public sealed record AppointmentOutcomeRequest(string Outcome);
