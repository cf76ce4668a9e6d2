using Steunpunt.Chat.Sessions;

namespace Steunpunt.Chat;

public sealed record StartChatRequest(string? Topic = null, bool AboutPoliceReport = false);

public sealed record ChatStarted(string Id, string VisitorToken, string State, int Position, DateTimeOffset StartedAt);

public sealed record PostMessageRequest(string Text);

public sealed record SatisfactionRequest(int Score, string? Comment = null);

public sealed record TransferRequest(string StaffId, string? StaffName = null);

/// <summary>The chat as the visitor sees it: state, place in the queue while waiting, and the messages after <c>after</c>.</summary>
public sealed record VisitorChatView(
    string Id, string State, string? Topic, bool AboutPoliceReport, int? Position, DateTimeOffset StartedAt,
    string? StaffName, DateTimeOffset? ClosedAt, bool CanRate, IReadOnlyList<ChatMessage> Messages, int Cursor);

public sealed record WaitingChatView(string Id, string? Topic, bool AboutPoliceReport, DateTimeOffset StartedAt, int WaitingSeconds, int Position, int Messages);

public sealed record StaffChatView(
    string Id, string State, string? Topic, bool AboutPoliceReport, DateTimeOffset StartedAt, DateTimeOffset? ClaimedAt,
    string? StaffId, string? StaffName, DateTimeOffset? ClosedAt, string? ClosedBy, IReadOnlyList<ChatMessage> Messages, int Cursor);

public sealed record AvailabilityView(bool Open, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpening, string Message, AlternativesView Alternatives);

public sealed record AlternativesView(string MailFormUrl, string SelfTestUrl, string Phone, string PhoneHours);

/// <summary>What a push carries: no more than the screen needs.</summary>
public sealed record MessagePush(string ChatId, int Seq, string From, string Text, DateTimeOffset SentAt, string? StaffName);

public sealed record StatePush(string ChatId, string State, int? Position, string? StaffName);

public sealed record TypingPush(string ChatId, string From);
