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

/// <summary>The message on the <c>mail-intake</c> queue: everything to store the case and send the receipt.</summary>
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
    string Language)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>The message on the <c>mail-replies</c> queue: one staff reply to send.</summary>
public sealed record MailReplyMessage(int SchemaVersion, string CaseId, int Sequence)
{
    public const int CurrentSchemaVersion = 1;
}

public sealed record StaffReplyRequest(string? Html = null, string? Text = null);

public sealed record MailSatisfactionRequest(int Score, string? Comment = null);
