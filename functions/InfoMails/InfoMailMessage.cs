namespace Steunpunt.InfoMails;

/// <summary>
/// Queue contract <c>info-mails</c>, version 1: staff asked to send an information mail. Put on the queue before staff get
/// their answer; <see cref="DeliverInfoMail"/> composes and sends it once, however often it is delivered. It holds the address
/// and the name only while it waits (time-to-live: at most the retention period, and never more than 7 days).
/// </summary>
public sealed record InfoMailMessage(
    int SchemaVersion,
    Guid InfoMailId,
    DateTimeOffset CreatedAt,
    string Recipient,
    string? Name,
    string CrimeType,
    string Language,
    IReadOnlyList<string> Blocks,
    string RequestedBy)
{
    public const int CurrentSchemaVersion = 1;
}
