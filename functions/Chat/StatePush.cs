namespace Steunpunt.Chat;

public sealed record StatePush(string ChatId, string State, int? Position, string? StaffName);
