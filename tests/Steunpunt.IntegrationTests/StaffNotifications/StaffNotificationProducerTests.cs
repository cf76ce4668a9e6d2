using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Sms;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffNotifications;
using static Steunpunt.IntegrationTests.StaffNotifications.StaffNotificationTestKit;

namespace Steunpunt.IntegrationTests.StaffNotifications;

/// <summary>The producers that feed the queue: self-test contact requests, failed SMS, messages parked in a poison queue.</summary>
[Collection(LocalHostCollection.Name)]
public class StaffNotificationProducerTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_self_test_contact_request_raises_a_notification_without_the_contact_detail()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var requestedAt = fixture.Clock.GetUtcNow();
        var response = await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/responses", new
        {
            version = 1,
            answers = Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", _ => "yes"),
            contactRequest = new { channel = "phone", contact = LocalHostFixture.NewMobile() },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("responseId").GetGuid();

        var listed = await ListedAsync(fixture, token, WithReference(requestId.ToString("N")), "the contact-request notification",
            again: () => RedeliverStoredRequestAsync(requestedAt, requestId));

        Assert.Equal(StaffNotificationKinds.SelfTestContactRequest, listed.GetProperty("kind").GetString());
        Assert.Equal("trauma-screen", listed.GetProperty("details").GetProperty("testId").GetString());
        Assert.Equal("phone", listed.GetProperty("details").GetProperty("channel").GetString());
        Assert.DoesNotContain("12345678", listed.GetRawText());
    }

    [Fact]
    public async Task A_redelivered_contact_request_raises_one_notification()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var request = new SelfTestContactRequest(SelfTestContactRequest.CurrentSchemaVersion, Guid.NewGuid(), "advice-test", 1, "email", "iemand@example.nl", "nl",
            fixture.Clock.GetUtcNow(), null, ["talk-to-us"]);
        var message = JsonSerializer.Serialize(request, JsonDefaults.Web);
        var queue = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.SelfTestContactRequests);
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        // Delivered again, twice (the queue function run as the host runs it for a redelivered message).
        await RunQueueFunctionAsync(fixture, nameof(Steunpunt.SelfTests.StoreSelfTestContactRequest), message);
        await RunQueueFunctionAsync(fixture, nameof(Steunpunt.SelfTests.StoreSelfTestContactRequest), message);

        var listed = await ListedAsync(fixture, token, WithReference(request.RequestId.ToString("N")), "the contact-request notification",
            again: () => RunQueueFunctionAsync(fixture, nameof(Steunpunt.SelfTests.StoreSelfTestContactRequest), message));
        var expected = StaffNotification.DeterministicId(StaffNotificationKinds.SelfTestContactRequest, request.RequestId.ToString("N"));
        Assert.Equal(expected, listed.GetProperty("id").GetGuid());
        Assert.Equal(request.RequestedAt, listed.GetProperty("occurredAt").GetDateTimeOffset());
        // Every copy on the staff-notifications queue consumed: still one stored notification.
        await fixture.DrainedAsync(StorageNames.Queues.SelfTestContactRequests);
        await fixture.DrainedAsync(StorageNames.Queues.StaffNotifications);
        var notification = StaffNotification.Create(StaffNotificationKinds.SelfTestContactRequest, "", request.RequestedAt, null, request.RequestId.ToString("N"));
        Assert.Single(await RowsAsync(fixture, notification));
        Assert.DoesNotContain("iemand@example.nl", listed.GetRawText());
    }

    [Fact]
    public async Task A_failed_sms_raises_sms_failed_and_mails_the_team_once()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var since = fixture.Clock.GetUtcNow();
        var mobile = "06 1" + Random.Shared.Next(1_000_000, 9_999_999);
        var e164 = "+316" + mobile[3..];
        await fixture.InjectAsync(new FaultRule { Target = "sms", DeliveryStatus = "Failed", Recipient = e164 });
        var tag = "reminder-" + Guid.NewGuid().ToString("N");

        var sent = await fixture.Services.GetRequiredService<ISmsSender>()
            .SendAsync(new SmsMessage([mobile], "Herinnering: morgen om 10:00 uur.", tag), new IdempotencyKey("test-sms-" + tag, fixture.Clock.GetUtcNow()), default);
        Assert.True(sent[0].Successful);

        var listed = await ListedAsync(fixture, token, WithReference(tag), "the sms-failed notification", again: () => RedeliverReportAsync(sent[0].MessageId!));
        Assert.Equal(StaffNotificationKinds.SmsFailed, listed.GetProperty("kind").GetString());
        Assert.Equal("Failed", listed.GetProperty("details").GetProperty("deliveryStatus").GetString());
        Assert.Equal(sent[0].MessageId, listed.GetProperty("details").GetProperty("messageId").GetString());
        Assert.DoesNotContain(e164[1..], listed.GetRawText());

        // Event Grid delivers the report again: the same notification, still one mail.
        await RedeliverReportAsync(sent[0].MessageId!);
        var mail = await MailedOnceAsync(fixture, listed);
        Assert.Equal("Steunpunt: een sms is niet afgeleverd", mail.Subject);
        Assert.Contains(tag, mail.PlainText);
        Assert.DoesNotContain(e164[3..], mail.PlainText + mail.Html);
        await SettledAsync(fixture, token, since);
        Assert.Single(Items(await PageAsync(fixture, token, since)), WithReference(tag));
    }

    [Fact]
    public async Task A_delivered_sms_raises_nothing()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var since = fixture.Clock.GetUtcNow();
        var tag = "reminder-" + Guid.NewGuid().ToString("N");
        var sent = await fixture.Services.GetRequiredService<ISmsSender>()
            .SendAsync(new SmsMessage(["06 1" + Random.Shared.Next(1_000_000, 9_999_999)], "Tot morgen.", tag), new IdempotencyKey("test-sms-" + tag, fixture.Clock.GetUtcNow()), default);
        var reports = fixture.Services.GetRequiredService<Steunpunt.Connectors.Events.SmsDeliveryReports>();
        Assert.Equal("Delivered", (await LocalHostFixture.EventuallyAsync(() => reports.FindAsync(sent[0].MessageId!, default), "the delivery report"))!.DeliveryStatus);

        // A notification would have been queued before the webhook answered; then it is stored before the sentinel is done.
        await HandledByTheWebhookAsync(fixture, e => e.Type == Steunpunt.Connectors.Events.CommunicationEventTypes.SmsDeliveryReportReceived
            && JsonSerializer.Serialize(e.Data).Contains(sent[0].MessageId!, StringComparison.Ordinal), "the report, handled by the webhook");
        await SettledAsync(fixture, token, since);
        Assert.DoesNotContain(Items(await PageAsync(fixture, token, since)), WithReference(tag));
    }

    [Fact]
    public async Task A_message_parked_in_a_poison_queue_raises_message_parked_once()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var since = fixture.Clock.GetUtcNow();
        var poison = fixture.Storage.RawQueues.GetQueueClient(StorageNames.Queues.PoisonOf(StorageNames.Queues.InfoMails));
        await poison.CreateIfNotExistsAsync();
        var parked = new List<SendReceipt>();
        try
        {
            // The watcher remembers the count it saw; start from what is there now.
            await RunAsync(fixture, nameof(WatchPoisonQueues));
            JsonElement? raised = null;
            // Another host on the same Azurite could look in between and raise it there: then park one more and look again.
            for (var attempt = 0; attempt < 4 && raised is null; attempt++)
            {
                parked.Add((await poison.SendMessageAsync("parked-by-test-" + Guid.NewGuid().ToString("N"))).Value);
                fixture.Clock.Advance(TimeSpan.FromSeconds(1));
                await RunAsync(fixture, nameof(WatchPoisonQueues));
                raised = await FindAsync();
            }
            Assert.NotNull(raised);
            var details = raised.Value.GetProperty("details");
            Assert.Equal(StorageNames.Queues.InfoMails, details.GetProperty("queue").GetString());
            Assert.Equal(poison.Name, details.GetProperty("poisonQueue").GetString());
            Assert.True(int.Parse(details.GetProperty("count").GetString()!) >= parked.Count);
            Assert.True(int.Parse(details.GetProperty("added").GetString()!) >= 1);

            // Another look without new messages raises nothing more (it would have queued it before the run answered).
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await RunAsync(fixture, nameof(WatchPoisonQueues));
            await SettledAsync(fixture, token, since);
            Assert.Single(Items(await PageAsync(fixture, token, since)), Parked);

            // message-parked is mailed to the team, once.
            Assert.Contains(poison.Name, (await MailedOnceAsync(fixture, raised.Value)).Subject);
        }
        finally
        {
            foreach (var receipt in parked) await poison.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt);
            // Fewer messages are remembered without a notification.
            await RunAsync(fixture, nameof(WatchPoisonQueues));
        }

        bool Parked(JsonElement e) => e.GetProperty("kind").GetString() == StaffNotificationKinds.MessageParked && e.GetProperty("reference").GetString() == poison.Name;

        // The watcher queued any notification before its run answered: once the queue is drained it is stored.
        async Task<JsonElement?> FindAsync()
        {
            await fixture.DrainedAsync(StorageNames.Queues.StaffNotifications);
            return Items(await PageAsync(fixture, token, since)).Where(Parked).Select(e => (JsonElement?)e).FirstOrDefault();
        }
    }

    /// <summary>The stored request delivered to the queue function again (a redelivery), as it was put on the queue.</summary>
    private async Task RedeliverStoredRequestAsync(DateTimeOffset requestedAt, Guid requestId)
    {
        var row = await LocalHostFixture.EventuallyAsync(() => new ContactRequestStore(fixture.Storage).FindAsync(requestedAt, requestId, default), "the stored request");
        var request = new SelfTestContactRequest(SelfTestContactRequest.CurrentSchemaVersion, requestId, row.GetString("TestId"), row.GetInt32("TestVersion") ?? 1,
            row.GetString("Channel"), row.GetString("Contact"), row.GetString("Language"), row.GetDateTimeOffset("RequestedAt")!.Value, row.GetBoolean("ScreenPositive"),
            row.GetString("AdviceIds").Split(',', StringSplitOptions.RemoveEmptyEntries));
        await RunQueueFunctionAsync(fixture, nameof(Steunpunt.SelfTests.StoreSelfTestContactRequest), JsonSerializer.Serialize(request, JsonDefaults.Web));
    }

    /// <summary>The delivery report the emulated Event Grid published for this SMS, posted to the webhook again (as Event Grid retries).</summary>
    private async Task RedeliverReportAsync(string messageId)
    {
        var publisher = fixture.Services.GetRequiredService<EventGridPublisher>();
        var published = await LocalHostFixture.EventuallyAsync(() => Task.FromResult(publisher.Recent().FirstOrDefault(e =>
            e.Type == Steunpunt.Connectors.Events.CommunicationEventTypes.SmsDeliveryReportReceived && JsonSerializer.Serialize(e.Data).Contains(messageId))), "the published report");
        var response = await fixture.Client.PostAsJsonAsync("/api/events/communication", new[]
        {
            new { id = published.Id, eventType = published.Type, subject = published.Subject, eventTime = published.Time, data = published.Data, dataVersion = "1.0" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
