namespace Steunpunt.Chat;

public sealed record WaitingChatView(string Id, string? Topic, bool AboutPoliceReport, DateTimeOffset StartedAt, int WaitingSeconds, int Position, int Messages);
