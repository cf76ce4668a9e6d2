namespace Steunpunt.Chat;

public sealed record StartChatRequest(string? Topic = null, bool AboutPoliceReport = false);
