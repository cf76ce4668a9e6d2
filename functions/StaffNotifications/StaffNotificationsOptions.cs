using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Steunpunt.Common.Notifications;

namespace Steunpunt.StaffNotifications;

/// <summary>Settings section <c>StaffNotifications</c>: what is kept, for how long, and what goes to the team mailbox.</summary>
public sealed class StaffNotificationsOptions : IValidatableObject
{
    public const string Section = "StaffNotifications";

    /// <summary>The kinds mailed when nothing is configured: the ones someone must act on even with no console open.</summary>
    public const string DefaultMailKinds = StaffNotificationKinds.ChatWaitingTooLong + "," + StaffNotificationKinds.SmsFailed + "," + StaffNotificationKinds.MessageParked;

    /// <summary>The team's shared mailbox (a bare address). Empty: no notification is mailed.</summary>
    public string? TeamMailbox { get; set; }

    /// <summary>Comma-separated kinds (of <see cref="StaffNotificationKinds"/>) also mailed to <see cref="TeamMailbox"/>; empty for none.</summary>
    public string MailKinds { get; set; } = DefaultMailKinds;

    /// <summary>Days a stored notification is kept (for the console's catch-up) before the nightly purge removes it.</summary>
    [Range(7, 366)]
    public int RetentionDays { get; set; } = 30;

    public IReadOnlySet<string> MailKindSet()
        => MailKinds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TeamMailbox) && (!MailAddress.TryCreate(TeamMailbox, out var address) || address.Address != TeamMailbox))
        {
            yield return new ValidationResult("must be a bare e-mail address such as 'team@example.nl', or empty for no mails.", [nameof(TeamMailbox)]);
        }
        foreach (var kind in MailKindSet().Where(k => !StaffNotificationKinds.All.Contains(k)))
        {
            yield return new ValidationResult($"'{kind}' is not a notification kind (use: {string.Join(", ", StaffNotificationKinds.All)}).", [nameof(MailKinds)]);
        }
    }
}
