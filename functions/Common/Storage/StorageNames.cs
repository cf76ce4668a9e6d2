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
        public const string Watermarks = "Watermarks";
        public const string SmsDeliveryReports = "SmsDeliveryReports";
        public const string Chats = "Chats";
        public const string ChatIndex = "ChatIndex";
        public const string ChatStats = "ChatStats";

        public static readonly IReadOnlyList<string> All = [SelfTestEvents, SelfTestContactRequests, Watermarks, SmsDeliveryReports, Chats, ChatIndex, ChatStats];
    }

    public static class Queues
    {
        public const string SelfTestContactRequests = "selftest-contact-requests";
        public const string StaffNotifications = "staff-notifications";

        public static readonly IReadOnlyList<string> All = [SelfTestContactRequests, StaffNotifications];

        /// <summary>The Functions host moves a message here after the last failed attempt.</summary>
        public static string PoisonOf(string queue) => queue + "-poison";
    }
}
