namespace Steunpunt.Chat;

public sealed record SatisfactionRequest(int Score, string? Comment = null);
