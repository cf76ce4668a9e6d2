using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.Events;
using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.StaffNotifications;

/// <summary>Producers that may run twice for one event raise the same notification: same id, same time.</summary>
public class StaffNotificationIdTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_kind_and_key_give_the_same_well_formed_id()
    {
        var first = StaffNotification.Create(StaffNotificationKinds.SmsFailed, "ref", At, null, idempotencyKey: "Outgoing_1");
        var again = StaffNotification.Create(StaffNotificationKinds.SmsFailed, "ref", At.AddMinutes(1), null, idempotencyKey: "Outgoing_1");

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(StaffNotification.CurrentSchemaVersion, first.SchemaVersion);
        var text = first.Id.ToString();
        Assert.Equal('8', text[14]); // RFC 9562 version 8 (custom)
        Assert.Contains(text[19], "89ab"); // RFC 4122/9562 variant
    }

    [Fact]
    public void Another_kind_or_key_gives_another_id()
    {
        var id = StaffNotification.DeterministicId(StaffNotificationKinds.SmsFailed, "x");
        Assert.NotEqual(id, StaffNotification.DeterministicId(StaffNotificationKinds.MessageParked, "x"));
        Assert.NotEqual(id, StaffNotification.DeterministicId(StaffNotificationKinds.SmsFailed, "y"));
    }

    [Fact]
    public void Without_a_key_every_notification_is_new()
        => Assert.NotEqual(StaffNotification.Create("chat-waiting", "c", At).Id, StaffNotification.Create("chat-waiting", "c", At).Id);

    [Fact]
    public void A_blank_key_is_refused()
        => Assert.ThrowsAny<ArgumentException>(() => StaffNotification.Create("sms-failed", "r", At, null, idempotencyKey: " "));

    [Fact]
    public async Task A_contact_request_notification_follows_from_the_request_and_holds_no_contact_detail()
    {
        var request = new SelfTestContactRequest(1, Guid.NewGuid(), "trauma-screen", 1, "phone", "+31612345678", "nl", At, true, ["talk-to-us"]);
        var raised = new RecordingStaffNotifications();

        await StoreSelfTestContactRequest.NotifyAsync(raised, request, default);
        await StoreSelfTestContactRequest.NotifyAsync(raised, request, default);
        var (first, again) = (raised.Raised[0], raised.Raised[1]);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(At, first.OccurredAt);
        Assert.Equal(StaffNotificationKinds.SelfTestContactRequest, first.Kind);
        Assert.Equal(request.RequestId.ToString("N"), first.Reference);
        Assert.Equal(new Dictionary<string, string> { ["testId"] = "trauma-screen", ["channel"] = "phone" }, first.Details);
        Assert.DoesNotContain(first.Details!.Values, v => v.Contains("612345678"));
    }

    [Fact]
    public void A_parked_message_notification_follows_from_the_queue_and_the_moment_it_was_seen()
    {
        var first = PoisonQueueWatcher.Notification(StorageNames.Queues.MailIntake, 3, 1, At);
        var again = PoisonQueueWatcher.Notification(StorageNames.Queues.MailIntake, 3, 1, At);
        var later = PoisonQueueWatcher.Notification(StorageNames.Queues.MailIntake, 4, 3, At.AddMinutes(5));

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, later.Id);
        Assert.Equal("mail-intake-poison", first.Reference);
        Assert.Equal("mail-intake", first.Details!["queue"]);
        Assert.Equal("3", first.Details["count"]);
        Assert.Equal("2", first.Details["added"]);
    }
}

/// <summary>Delivery reports: anything but Delivered raises <c>sms-failed</c>, once per SMS.</summary>
public class SmsFailureNotifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static CommunicationEvent Report(string status, string? tag = "reminder-7", string eventId = "e1", string messageId = "Outgoing_abc")
    {
        var data = System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            messageId, from = "+3197010000001", to = "+31612345678", deliveryStatus = status,
            deliveryStatusDetails = "No route to destination.", receivedTimestamp = "2026-03-02T11:58:00Z", tag,
        });
        return new CommunicationEvent(eventId, CommunicationEventTypes.SmsDeliveryReportReceived, "sms", Now, data);
    }

    [Fact]
    public void A_delivered_sms_raises_nothing()
        => Assert.Null(SmsFailureNotifier.ToNotification(Report("Delivered"), Now));

    [Theory]
    [InlineData("Failed")]
    [InlineData("Expired")]
    public void Another_status_raises_sms_failed_with_the_tag_as_reference(string status)
    {
        var notification = SmsFailureNotifier.ToNotification(Report(status), Now)!;

        Assert.Equal(StaffNotificationKinds.SmsFailed, notification.Kind);
        Assert.Equal("reminder-7", notification.Reference);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 58, 0, TimeSpan.Zero), notification.OccurredAt);
        Assert.Equal(status, notification.Details!["deliveryStatus"]);
        Assert.Equal("Outgoing_abc", notification.Details["messageId"]);
        Assert.DoesNotContain(notification.Details.Values, v => v.Contains("612345678"));
    }

    [Fact]
    public void Without_a_tag_the_message_id_is_the_reference()
        => Assert.Equal("Outgoing_abc", SmsFailureNotifier.ToNotification(Report("Failed", tag: null), Now)!.Reference);

    [Fact]
    public void The_same_report_delivered_again_is_the_same_notification()
    {
        var first = SmsFailureNotifier.ToNotification(Report("Failed", eventId: "e1"), Now)!;
        var again = SmsFailureNotifier.ToNotification(Report("Failed", eventId: "e2"), Now.AddMinutes(3))!;

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.OccurredAt, again.OccurredAt);
        Assert.NotEqual(first.Id, SmsFailureNotifier.ToNotification(Report("Failed", messageId: "Outgoing_other"), Now)!.Id);
    }
}
