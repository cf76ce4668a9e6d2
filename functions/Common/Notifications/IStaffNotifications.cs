namespace Steunpunt.Common.Notifications;

/// <summary>
/// The one way a slice tells staff that something needs them (a waiting chat, a new mail case, a failed SMS). The
/// contract lives here, in Common, because a slice may not use another slice; the StaffNotifications slice implements
/// it and decides how a notification travels (queued or delivered at once) and what its id is.
/// </summary>
public interface IStaffNotifications
{
    /// <summary>
    /// Raises a notification; when this returns it is delivered or safely queued, and a failure throws so the caller's
    /// own retry raises it again.
    /// </summary>
    /// <param name="kind">One of <see cref="StaffNotificationKinds"/>.</param>
    /// <param name="reference">The id of the chat, mail case, contact request or appointment it is about.</param>
    /// <param name="at">When it happened; pass a deterministic time where there is one, since a repeat should be the same notification.</param>
    /// <param name="details">Non-personal facts for the console (a topic, a wait in minutes): never message text, names, addresses or numbers.</param>
    /// <param name="idempotencyKey">
    /// A stable name of the event (such as the contact request's id) for producers that are retried or redelivered: the
    /// same kind and key give the same notification, which is then stored and mailed once. Null for a producer that
    /// raises it exactly once (e.g. before answering a request).
    /// </param>
    /// <summary>The team's mailbox that some kinds are mailed to, or null: a report that a mail to it bounced must not raise another notification (it would only bounce again).</summary>
    string? TeamMailbox { get; }

    Task RaiseAsync(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default);
}
