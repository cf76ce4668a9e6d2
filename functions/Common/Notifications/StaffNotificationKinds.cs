namespace Steunpunt.Common.Notifications;

/// <summary>What a staff notification can be about: part of the contract of <see cref="IStaffNotifications"/>, so every producer names the same kinds.</summary>
public static class StaffNotificationKinds
{
    public const string ChatWaiting = "chat-waiting";
    public const string ChatWaitingTooLong = "chat-waiting-too-long";
    public const string ChatVisitorMessage = "chat-visitor-message";
    public const string MailReceived = "mail-received";
    public const string MailMessage = "mail-message";
    public const string SelfTestContactRequest = "selftest-contact-request";
    public const string SmsFailed = "sms-failed";
    public const string MailUndeliverable = "mail-undeliverable";
    public const string MessageParked = "message-parked";

    public static readonly IReadOnlyList<string> All = [ChatWaiting, ChatWaitingTooLong, ChatVisitorMessage, MailReceived, MailMessage, SelfTestContactRequest, SmsFailed, MailUndeliverable, MessageParked];
}
