namespace Steunpunt.Chat;

public sealed record ChatStarted(string Id, string VisitorToken, string State, int Position, DateTimeOffset StartedAt);
