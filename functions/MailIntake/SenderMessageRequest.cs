namespace Steunpunt.MailIntake;

/// <summary>What the continue page posts: the sender's next message. <see cref="Website"/> is the same honeypot as the form's.</summary>
public sealed record SenderMessageRequest(string Text, string? Website = null);
