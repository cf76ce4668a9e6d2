using Steunpunt.Common.Notifications;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.StaffNotifications;

/// <summary>The port as a producer sees it, keeping what it would have raised: the notification the slice makes of it (same id recipe), not sent anywhere.</summary>
public sealed class RecordingStaffNotifications : IStaffNotifications
{
    public List<StaffNotification> Raised { get; } = [];

    public string? TeamMailbox => null;

    public Task RaiseAsync(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        Raised.Add(StaffNotification.For(kind, reference, at, details, idempotencyKey));
        return Task.CompletedTask;
    }
}
