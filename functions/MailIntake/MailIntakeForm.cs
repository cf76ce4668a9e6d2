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
