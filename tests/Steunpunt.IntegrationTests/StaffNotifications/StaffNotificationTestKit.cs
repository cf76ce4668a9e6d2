using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
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

    /// <summary>The queue function run now with this message, as a redelivery would run it (the local host answers when it finished).</summary>
    public static async Task DeliverNowAsync(LocalHostFixture fixture, StaffNotification notification)
    {
        var input = JsonSerializer.Serialize(notification, JsonDefaults.Web);
        // With a Content-Length (JsonContent streams without one, and the admin endpoint reads a body only when it has one).
        var body = new StringContent(JsonSerializer.Serialize(new { input }), System.Text.Encoding.UTF8, "application/json");
        var response = await fixture.Client.PostAsync($"/admin/functions/{nameof(PushStaffNotification)}", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

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
