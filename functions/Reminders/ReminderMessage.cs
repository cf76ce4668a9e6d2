namespace Steunpunt.Reminders;

/// <summary>The message on the <c>sms-reminders</c> queue: one reminder to send.</summary>
public sealed record ReminderMessage(int SchemaVersion, string AppointmentId, int Version, int LeadMinutes, DateTimeOffset DueAt, string Bucket, string RowKey)
{
    public const int CurrentSchemaVersion = 1;
}
