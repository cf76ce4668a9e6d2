using Steunpunt.Chat.Sessions;

namespace Steunpunt.Chat;

public sealed record StaffChatView(
    string Id, string State, string? Topic, bool AboutPoliceReport, DateTimeOffset StartedAt, DateTimeOffset? ClaimedAt,
    string? StaffId, string? StaffName, DateTimeOffset? ClosedAt, string? ClosedBy, IReadOnlyList<ChatMessage> Messages, int Cursor);
