using Steunpunt.Common.Storage;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.StaffNotifications;

/// <summary>Row keys sort by time and include the id; partitions are UTC days; the queue contract is checked.</summary>
public class StaffNotificationStoreKeyTests
{
    [Fact]
    public void Row_keys_sort_as_text_in_time_order_and_a_repeat_has_the_same_key()
    {
        var early = StaffNotification.Create("chat-waiting", "a", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var late = StaffNotification.Create("chat-waiting", "b", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(2))); // 08:00 UTC
        var later = StaffNotification.Create("chat-waiting", "c", new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(StaffNotificationStore.RowKey(late), StaffNotificationStore.RowKey(early)) < 0);
        Assert.True(string.CompareOrdinal(StaffNotificationStore.RowKey(early), StaffNotificationStore.RowKey(later)) < 0);
        Assert.EndsWith(early.Id.ToString("N"), StaffNotificationStore.RowKey(early));
        Assert.Equal(StaffNotificationStore.RowKey(early), StaffNotificationStore.RowKey(early with { Details = new Dictionary<string, string>() }));
        Assert.StartsWith(StaffNotificationStore.TimeKey(early.OccurredAt), StaffNotificationStore.RowKey(early));
    }

    [Fact]
    public void The_partition_is_the_UTC_day()
        => Assert.Equal("20260301", StaffNotificationStore.DayKey(new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void A_queue_message_is_read_and_another_schema_version_refused()
    {
        var notification = StaffNotification.Create("sms-failed", "r", DateTimeOffset.UnixEpoch, null, idempotencyKey: "k");
        var json = System.Text.Json.JsonSerializer.Serialize(notification, Steunpunt.Common.Json.JsonDefaults.Web);
        Assert.Equal(notification.Id, StaffNotificationDelivery.Parse(json).Id);
        Assert.Throws<InvalidDataException>(() => StaffNotificationDelivery.Parse(json.Replace("\"schemaVersion\":1", "\"schemaVersion\":2")));
        Assert.Throws<InvalidDataException>(() => StaffNotificationDelivery.Parse("""{"schemaVersion":1,"kind":"x","reference":"r","occurredAt":"2026-01-01T00:00:00Z"}"""));
    }

    [Fact]
    public void Only_parked_staff_notifications_are_never_retried()
    {
        Assert.True(StaffNotificationDelivery.IsAboutParkedStaffNotifications(PoisonQueueWatcher.Notification(StorageNames.Queues.StaffNotifications, 1, 0, DateTimeOffset.UnixEpoch)));
        Assert.False(StaffNotificationDelivery.IsAboutParkedStaffNotifications(PoisonQueueWatcher.Notification(StorageNames.Queues.MailIntake, 1, 0, DateTimeOffset.UnixEpoch)));
    }
}
