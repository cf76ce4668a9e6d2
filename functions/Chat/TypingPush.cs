namespace Steunpunt.Chat;

public sealed record TypingPush(string ChatId, string From);
