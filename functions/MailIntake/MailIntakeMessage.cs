namespace Steunpunt.MailIntake;

/// <summary>
/// The message on the <c>mail-intake</c> queue: everything to store the case and send the receipt. <see cref="LinkSecret"/> is
/// the secret of the receipt's continue link, made when the form is accepted so a redelivery sends the same link; only its
/// keyed hash is stored with the case. Optional, as every field added to a queued message (docs/decisions/0006): without it the receipt points to the form.
/// </summary>
public sealed record MailIntakeMessage(
    int SchemaVersion,
    Guid CaseId,
    string Reference,
    DateTimeOffset ReceivedAt,
    string ReplyAddress,
    string? Name,
    string? CrimeType,
    string Question,
    bool ConsentToStore,
    string Language,
    string? LinkSecret = null)
{
    public const int CurrentSchemaVersion = 1;
}
