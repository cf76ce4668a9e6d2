using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.Connectors.SignalR;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.StaffNotifications;

namespace Steunpunt.IntegrationTests.StaffNotifications;

/// <summary>Staff notifications as producers, the console and the team mailbox see them.</summary>
internal static class StaffNotificationTestKit
{
    public static string TeamMailbox(LocalHostFixture fixture)
        => fixture.Services.GetRequiredService<IOptions<StaffNotificationsOptions>>().Value.TeamMailbox!;

    /// <summary>A notification no other test (or run) has: its reference is new.</summary>
    public static StaffNotification New(LocalHostFixture fixture, string kind = StaffNotificationKinds.ChatWaiting, DateTimeOffset? at = null)
    {
        var reference = "test-" + Guid.NewGuid().ToString("N");
        return StaffNotification.Create(kind, reference, at ?? fixture.Clock.GetUtcNow(), new Dictionary<string, string> { ["topic"] = "violence" }, idempotencyKey: reference);
    }

    /// <summary>Onto the queue, as producers do (the host's queue listener picks it up).</summary>
    public static Task EnqueueAsync(LocalHostFixture fixture, StaffNotification notification)
        => fixture.Services.GetRequiredService<WorkQueue>().SendAsync(StorageNames.Queues.StaffNotifications, notification);

    /// <summary>
    /// Onto the queue until this host's queue function has pushed it to <paramref name="client"/>. The Azurite is shared:
    /// a local host of another checkout that runs at the same time listens on the same queue and may take a copy (and push
    /// it to its own SignalR emulator), so a copy is sent again (same id: a repeat, harmless) up to three times.
    /// </summary>
    public static async Task<JsonElement> EnqueueUntilPushedAsync(LocalHostFixture fixture, RecordingClient client, StaffNotification notification)
    {
        for (var attempt = 1; ; attempt++)
        {
            await EnqueueAsync(fixture, notification);
            try
            {
                return await client.WaitForAsync(PushStaffNotification.ClientMethod, notification.Id.ToString());
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The queue function run now with this message, as a redelivery would run it (the local host answers when it finished).</summary>
    public static async Task DeliverNowAsync(LocalHostFixture fixture, StaffNotification notification)
        => await RunQueueFunctionAsync(fixture, nameof(PushStaffNotification), JsonSerializer.Serialize(notification, JsonDefaults.Web));

    public static async Task RunAsync(LocalHostFixture fixture, string function)
    {
        var response = await fixture.Client.PostAsJsonAsync($"/admin/functions/{function}", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> GetAsync(LocalHostFixture fixture, string token, DateTimeOffset? since = null)
    {
        var url = "/api/staff/notifications" + (since is { } s ? "?since=" + Uri.EscapeDataString(s.ToString("O")) : "");
        return await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, url, token));
    }

    public static async Task<JsonElement> PageAsync(LocalHostFixture fixture, string token, DateTimeOffset? since = null)
    {
        var response = await GetAsync(fixture, token, since);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("notifications").EnumerateArray();

    /// <summary>Waits until the catch-up lists a notification that matches.</summary>
    public static async Task<JsonElement> EventuallyListedAsync(
        LocalHostFixture fixture, string token, Predicate<JsonElement> match, string what, DateTimeOffset? since = null, int seconds = 20)
        => (JsonElement)await LocalHostFixture.EventuallyAsync(
            async () => Items(await PageAsync(fixture, token, since)).Where(e => match(e)).Select(e => (object)e).FirstOrDefault(), what, seconds);

    /// <summary>
    /// As <see cref="EventuallyListedAsync"/>, but when it does not show up, the producer runs <paramref name="again"/>
    /// (a redelivery: it must raise the same notification) and the wait starts over, up to three times. The Azurite is
    /// shared: a local host of another checkout that runs at the same time may take the message off the queue, and an
    /// older one does not store it.
    /// </summary>
    public static async Task<JsonElement> ListedAsync(LocalHostFixture fixture, string token, Predicate<JsonElement> match, string what, Func<Task> again, DateTimeOffset? since = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EventuallyListedAsync(fixture, token, match, what, since, seconds: 10);
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await again();
            }
        }
    }

    /// <summary>
    /// Returns once every notification queued before the call is stored: a sentinel notification queued after them is
    /// listed and the queue is drained (it runs messages in parallel, so the sentinel alone would not prove that an
    /// earlier one finished). An absence checked after this does not depend on how long one waits.
    /// </summary>
    public static async Task SettledAsync(LocalHostFixture fixture, string token, DateTimeOffset since)
    {
        var sentinel = New(fixture);
        await EnqueueAsync(fixture, sentinel);
        await EventuallyListedAsync(fixture, token, WithId(sentinel.Id), "the sentinel notification", since);
        await fixture.DrainedAsync(StorageNames.Queues.StaffNotifications);
    }

    /// <summary>
    /// An event the emulated Event Grid published, once the webhook answered 200 for it: its handlers, which queue any
    /// notification before the webhook answers, have run.
    /// </summary>
    public static Task<PublishedEvent> HandledByTheWebhookAsync(LocalHostFixture fixture, Func<PublishedEvent, bool> match, string what)
    {
        var events = fixture.Services.GetRequiredService<EventGridPublisher>();
        return LocalHostFixture.EventuallyAsync(() => Task.FromResult(events.Recent().FirstOrDefault(e => match(e) && e.Delivery == "delivered")), what);
    }

    /// <summary>
    /// The team mail of a listed notification, checked on this host: the notification is delivered here once more
    /// (a redelivery, as the queue may do; whichever host delivered it first), then this host's outbox must hold
    /// exactly one mail for it.
    /// </summary>
    public static async Task<OutboxItem> MailedOnceAsync(LocalHostFixture fixture, JsonElement listed)
    {
        var notification = JsonSerializer.Deserialize<StaffNotification>(listed.GetRawText(), JsonDefaults.Web)!;
        await DeliverNowAsync(fixture, notification);
        return Assert.Single(await TeamMailsAsync(fixture, notification.Id));
    }

    /// <summary>
    /// Runs a queue function now with this message, as a redelivery would; the local host answers once it finished. The
    /// body is sent with a Content-Length (JsonContent streams without one, and the endpoint reads a body only with one).
    /// </summary>
    public static async Task RunQueueFunctionAsync(LocalHostFixture fixture, string function, string message)
    {
        var body = new StringContent(JsonSerializer.Serialize(new { input = message }), System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsync($"/admin/functions/{function}", body)).StatusCode);
    }

    public static Predicate<JsonElement> WithReference(string reference) => e => e.GetProperty("reference").GetString() == reference;

    public static Predicate<JsonElement> WithId(Guid id) => e => e.GetProperty("id").GetGuid() == id;

    /// <summary>The stored rows of one notification (by id), in its day's partition.</summary>
    public static async Task<List<TableEntity>> RowsAsync(LocalHostFixture fixture, StaffNotification notification)
        => (await fixture.RowsAsync(StorageNames.Tables.StaffNotifications, StaffNotificationStore.DayKey(notification.OccurredAt)))
            .Where(row => row.GetGuid("Id") == notification.Id).ToList();

    /// <summary>The team mails for one notification (by the id header), from the dev outbox.</summary>
    public static async Task<List<OutboxItem>> TeamMailsAsync(LocalHostFixture fixture, Guid notificationId)
        => (await fixture.OutboxAsync(DevOutbox.Email, TeamMailbox(fixture)))
            .Where(m => m.Headers.TryGetValue(Steunpunt.StaffNotifications.TeamMailbox.NotificationIdHeader, out var id) && id == notificationId.ToString())
            .ToList();
}
