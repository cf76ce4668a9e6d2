using Steunpunt.Common.Notifications;
using Steunpunt.Connectors;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// The message on the <c>staff-notifications</c> queue: one contract for every intake event, versioned so the
/// queue function can refuse what it does not understand. It names what happened and where to look, never
/// message text, names, addresses or numbers.
/// </summary>
/// <param name="Id">Unique per event: a redelivered message is recognised by it (stored once, mailed once).</param>
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

    /// <summary>A notification with a random id: for producers that raise it exactly once (e.g. before answering a request).</summary>
    public static StaffNotification Create(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null)
        => new(CurrentSchemaVersion, Guid.NewGuid(), kind, reference, at, details);

    /// <summary>
    /// A notification whose id follows from <paramref name="kind"/> and <paramref name="idempotencyKey"/> (a stable name of
    /// the event, such as the contact request's id): a producer that is retried or redelivered raises the same
    /// notification again, which is then stored and mailed once. Pass a deterministic <paramref name="at"/> too where
    /// there is one, since the stored row is keyed by time and id.
    /// </summary>
    public static StaffNotification Create(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details, string idempotencyKey)
        => new(CurrentSchemaVersion, DeterministicId(kind, idempotencyKey), kind, reference, at, details);

    /// <summary>The id recipe of <see cref="IStaffNotifications.RaiseAsync"/>: random without a key, else <see cref="DeterministicId"/>.</summary>
    public static StaffNotification For(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details, string? idempotencyKey)
        => idempotencyKey is null ? Create(kind, reference, at, details) : Create(kind, reference, at, details, idempotencyKey);

    /// <summary>SHA-256 of kind and key as a well-formed UUID (see <see cref="IdempotencyKey.ToGuid"/>): the same pair always gives the same id.</summary>
    public static Guid DeterministicId(string kind, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new IdempotencyKey(kind + "/" + idempotencyKey, default).ToGuid("staff-notification");
    }
}
