namespace Steunpunt.MailIntake;

/// <summary>What the mail form posts. <see cref="Website"/> is a honeypot: people leave it empty, bots fill it in.</summary>
public sealed record MailIntakeForm(
    string ReplyAddress,
    string Question,
    bool ConsentToStore,
    string? Name = null,
    string? CrimeType = null,
    string? Language = null,
    string? Website = null);

public sealed record MailIntakeReceipt(string Reference, string Message, DateOnly AnswerExpectedBy);

/// <summary>
/// The message on the <c>mail-intake</c> queue: everything to store the case and send the receipt. <see cref="LinkSecret"/> is
/// the secret of the receipt's continue link, made when the form is accepted so a redelivery sends the same link; only its
/// keyed hash is stored with the case. Messages queued before it existed have none: their receipt points to the form instead.
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

/// <summary>
/// The message on the <c>mail-replies</c> queue: one staff reply to send, with the secret of the continue link it carries
/// (made with the reply, its keyed hash stored on the case). Messages queued before it existed have none: no link.
/// </summary>
public sealed record MailReplyMessage(int SchemaVersion, string CaseId, int Sequence, string? LinkSecret = null)
{
    public const int CurrentSchemaVersion = 1;
}

public sealed record StaffReplyRequest(string? Html = null, string? Text = null);

public sealed record MailSatisfactionRequest(int Score, string? Comment = null);

/// <summary>What the continue page posts: the sender's next message. <see cref="Website"/> is the same honeypot as the form's.</summary>
public sealed record SenderMessageRequest(string Text, string? Website = null);
