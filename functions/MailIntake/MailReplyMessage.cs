namespace Steunpunt.MailIntake;

/// <summary>
/// The message on the <c>mail-replies</c> queue: one staff reply to send, with the secret of the continue link it carries
/// (made with the reply, its keyed hash stored on the case). Optional (docs/decisions/0006): without it the reply has no link.
/// </summary>
public sealed record MailReplyMessage(int SchemaVersion, string CaseId, int Sequence, string? LinkSecret = null)
{
    public const int CurrentSchemaVersion = 1;
}
