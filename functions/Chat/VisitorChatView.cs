using Steunpunt.Chat.Sessions;

namespace Steunpunt.Chat;

/// <summary>The chat as the visitor sees it: state, place in the queue while waiting, and the messages after <c>after</c>.</summary>
public sealed record VisitorChatView(
    string Id, string State, string? Topic, bool AboutPoliceReport, int? Position, DateTimeOffset StartedAt,
    string? StaffName, DateTimeOffset? ClosedAt, bool CanRate, IReadOnlyList<ChatMessage> Messages, int Cursor);
