namespace Steunpunt.MailIntake;

public sealed record MailIntakeReceipt(string Reference, string Message, DateOnly AnswerExpectedBy);
