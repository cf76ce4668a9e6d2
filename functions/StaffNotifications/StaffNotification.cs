namespace Steunpunt.StaffNotifications;

/// <summary>
/// The message on the <c>staff-notifications</c> queue: one contract for every intake event, versioned so the
/// queue function can refuse what it does not understand. It names what happened and where to look, never
/// message text, names, addresses or numbers.
/// </summary>
/// <param name="Id">Unique per event: a redelivered message is recognised by it.</param>
/// <param name="Kind">One of <see cref="StaffNotificationKinds"/>.</param>
/// <param name="Reference">The id of the chat, mail case, contact request or appointment it is about.</param>
/// <param name="Details">Non-personal facts for the console (a topic, a wait in minutes, a queue name).</param>
public sealed record StaffNotification(
    int SchemaVersion,
    Guid Id,
    string Kind,
    string Reference,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string>? Details = null)
{
    public const int CurrentSchemaVersion = 1;

    public static StaffNotification Create(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null)
        => new(CurrentSchemaVersion, Guid.NewGuid(), kind, reference, at, details);
}

public static class StaffNotificationKinds
{
    public const string ChatWaiting = "chat-waiting";
    public const string ChatWaitingTooLong = "chat-waiting-too-long";
    public const string ChatVisitorMessage = "chat-visitor-message";
    public const string MailReceived = "mail-received";
    public const string SelfTestContactRequest = "selftest-contact-request";
    public const string SmsFailed = "sms-failed";
    public const string MessageParked = "message-parked";

    public static readonly IReadOnlyList<string> All = [ChatWaiting, ChatWaitingTooLong, ChatVisitorMessage, MailReceived, SelfTestContactRequest, SmsFailed, MessageParked];
}
