namespace Steunpunt.MailIntake;

public sealed record StaffReplyRequest(string? Html = null, string? Text = null);
