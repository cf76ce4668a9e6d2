namespace Steunpunt.Common.Storage;

/// <summary>
/// Every table and queue the app uses. Infrastructure (Bicep) and the start-up initialiser read these
/// constants, so a new name here cannot be forgotten elsewhere.
/// </summary>
public static class StorageNames
{
    public static class Tables
    {
        public const string SelfTestEvents = "SelfTestEvents";
        public const string SelfTestContactRequests = "SelfTestContactRequests";
        /// <summary>Contact requests by id (where the request is) and the open ones newest first, for staff.</summary>
        public const string SelfTestContactIndex = "SelfTestContactIndex";
        public const string Watermarks = "Watermarks";
        public const string SmsDeliveryReports = "SmsDeliveryReports";
        public const string Chats = "Chats";
        public const string ChatIndex = "ChatIndex";
        public const string ChatStats = "ChatStats";

        // Mail intake: cases with their thread, the inbox by status, senders by keyed hash, statistics without text.
        public const string MailCases = "MailCases";
        public const string MailInbox = "MailInbox";
        public const string MailSenders = "MailSenders";
        public const string MailStats = "MailStats";

        /// <summary>Keys the app makes for itself (e.g. for keyed hashes), kept behind the storage account's identity rather than in app settings.</summary>
        public const string AppSecrets = "AppSecrets";

        public const string StaffNotifications = "StaffNotifications";
        public const string InfoMails = "InfoMails";

        // SMS reminders: appointments, reminders by due hour, statistics without personal data, STOP opt-outs by keyed hash.
        public const string Appointments = "Appointments";
        public const string ReminderSchedule = "ReminderSchedule";
        public const string AppointmentStats = "AppointmentStats";
        /// <summary>Appointments by local day of their start, in order of start, for the staff day list.</summary>
        public const string AppointmentDays = "AppointmentDays";
        public const string SmsOptOuts = "SmsOptOuts";

        /// <summary>Rate-limit counters per limit, keyed hash and window (see <c>Common/RateLimits</c>); past days are purged nightly.</summary>
        public const string RateLimits = "RateLimits";

        public static readonly IReadOnlyList<string> All =
        [
            SelfTestEvents, SelfTestContactRequests, SelfTestContactIndex, Watermarks, SmsDeliveryReports, Chats, ChatIndex, ChatStats,
            MailCases, MailInbox, MailSenders, MailStats, AppSecrets, StaffNotifications, InfoMails,
            Appointments, ReminderSchedule, AppointmentStats, AppointmentDays, SmsOptOuts, RateLimits,
        ];
    }

    public static class Queues
    {
        public const string SelfTestContactRequests = "selftest-contact-requests";
        public const string StaffNotifications = "staff-notifications";
        public const string MailIntake = "mail-intake";
        public const string MailReplies = "mail-replies";
        public const string InfoMails = "info-mails";
        public const string SmsReminders = "sms-reminders";

        public static readonly IReadOnlyList<string> All = [SelfTestContactRequests, StaffNotifications, MailIntake, MailReplies, InfoMails, SmsReminders];

        /// <summary>The Functions host moves a message here after the last failed attempt.</summary>
        public static string PoisonOf(string queue) => queue + "-poison";
    }
}
