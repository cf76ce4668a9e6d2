namespace Steunpunt.Chat;

/// <summary>What a push carries: no more than the screen needs.</summary>
public sealed record MessagePush(string ChatId, int Seq, string From, string Text, DateTimeOffset SentAt, string? StaffName);
