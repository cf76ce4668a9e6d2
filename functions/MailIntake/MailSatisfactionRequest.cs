namespace Steunpunt.MailIntake;

public sealed record MailSatisfactionRequest(int Score, string? Comment = null);
