using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steunpunt.Common.Notifications;
using Steunpunt.IntegrationTests.Connectors.SignalR;
using Steunpunt.StaffNotifications;
using static Steunpunt.IntegrationTests.StaffNotifications.StaffNotificationTestKit;

namespace Steunpunt.IntegrationTests.StaffNotifications;

/// <summary>The staff-notifications queue through the local host: pushed, stored for the catch-up, mailed for configured kinds.</summary>
[Collection(LocalHostCollection.Name)]
public class StaffNotificationTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_notification_is_pushed_to_a_connected_staff_member_and_a_console_that_connects_later_reads_it_back()
    {
        var anna = await SignalRTestKit.StaffAsync(fixture, "Anna " + Guid.NewGuid());
        await using var client = await SignalRTestKit.ConnectStaffAsync(fixture, anna.AccessToken, PushStaffNotification.ClientMethod);
        var notification = New(fixture);

        var pushed = await EnqueueUntilPushedAsync(fixture, client, notification);
        Assert.Equal(notification.Reference, pushed.GetProperty("reference").GetString());
        // Bert was not connected: the catch-up has it, as it was pushed.
        var bert = await SignalRTestKit.StaffAsync(fixture, "Bert " + Guid.NewGuid());
        var listed = await EventuallyListedAsync(fixture, bert.AccessToken, WithId(notification.Id), "the notification in the catch-up");
        Assert.Equal(1, listed.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(StaffNotificationKinds.ChatWaiting, listed.GetProperty("kind").GetString());
        Assert.Equal(notification.Reference, listed.GetProperty("reference").GetString());
        Assert.Equal(notification.OccurredAt, listed.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("violence", listed.GetProperty("details").GetProperty("topic").GetString());
        // A kind that is not mailed is not in the team mailbox.
        Assert.Empty(await TeamMailsAsync(fixture, notification.Id));
    }

    [Fact]
    public async Task A_redelivered_notification_is_stored_once()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var notification = New(fixture);
        await EnqueueAsync(fixture, notification);
        // The same message twice more, as the queue delivers a message again after a failed or lost attempt.
        await DeliverNowAsync(fixture, notification);
        await DeliverNowAsync(fixture, notification);
        await fixture.DrainedAsync(Steunpunt.Common.Storage.StorageNames.Queues.StaffNotifications);

        Assert.Single(await RowsAsync(fixture, notification));
        Assert.Single(Items(await PageAsync(fixture, token)), WithId(notification.Id));
    }

    [Fact]
    public async Task A_configured_kind_reaches_the_team_mailbox_exactly_once_even_when_redelivered()
    {
        var notification = New(fixture, StaffNotificationKinds.ChatWaitingTooLong) with
        {
            Details = new Dictionary<string, string> { ["topic"] = "stalking", ["aboutPoliceReport"] = "false", ["waitedMinutes"] = "6" },
        };
        await EnqueueAsync(fixture, notification);
        await EnqueueAsync(fixture, notification);
        await DeliverNowAsync(fixture, notification);

        var mail = Assert.Single(await TeamMailsAsync(fixture, notification.Id)); // the synchronous run has mailed by now
        Assert.Equal("Steunpunt: een chat wacht al 6 minuten", mail.Subject);
        Assert.Contains(notification.Reference, mail.PlainText);
        Assert.Contains("chatconsole", mail.PlainText);
        Assert.Contains(notification.Reference, mail.Html);
        Assert.DoesNotContain("stalking", mail.PlainText + mail.Html);
        // Both queue copies handled to the end (each stored and mailed again, idempotently): still one mail and one row.
        await fixture.DrainedAsync(Steunpunt.Common.Storage.StorageNames.Queues.StaffNotifications);
        Assert.Single(await TeamMailsAsync(fixture, notification.Id));
        Assert.Single(await RowsAsync(fixture, notification));
    }

    [Fact]
    public async Task The_catch_up_reads_24_hours_back_by_default_and_further_with_since()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var now = fixture.Clock.GetUtcNow();
        var older = New(fixture, at: now.AddHours(-30));
        await DeliverNowAsync(fixture, older);

        Assert.DoesNotContain(Items(await PageAsync(fixture, token)), WithId(older.Id));
        var page = await PageAsync(fixture, token, now.AddDays(-2));
        Assert.Contains(Items(page), WithId(older.Id));
        Assert.Equal(now.AddDays(-2), page.GetProperty("since").GetDateTimeOffset());
        var times = Items(page).Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task The_catch_up_is_capped_in_time_order_and_says_when_there_is_more()
    {
        var token = await fixture.StaffTokenAsync("staff");
        // A stretch of time six days back that nothing else writes in. Not ahead: once the clock got there, the default
        // 24-hour catch-up of every later test would start with these 501 and be cut off before its own notifications.
        var start = fixture.Clock.GetUtcNow().AddDays(-6).AddTicks(Random.Shared.Next(1, 1_000_000));
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StaffNotificationStore>(fixture.Services);
        var stored = Enumerable.Range(0, StaffNotificationCatchUp.MaxPerPage + 1).Select(i => New(fixture, at: start.AddMilliseconds(i))).ToList();
        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) => await store.StoreAsync(n, ct));

        var first = await PageAsync(fixture, token, start);
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal(stored.Take(StaffNotificationCatchUp.MaxPerPage).Select(n => n.Id), Items(first).Select(e => e.GetProperty("id").GetGuid()));

        // On from the last one: it comes again (since is inclusive), then the rest.
        var last = Items(first).Last().GetProperty("occurredAt").GetDateTimeOffset();
        // (What other tests raised in the six days since follows them.)
        var rest = await PageAsync(fixture, token, last);
        Assert.Equal(stored.TakeLast(2).Select(n => n.Id), Items(rest).Take(2).Select(e => e.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(Items(rest).Skip(2), e => stored.Any(n => n.Id == e.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("gisteren")]
    [InlineData("2040-01-01T10:00:00")]
    public async Task A_since_that_is_not_an_instant_is_a_400_naming_it(string since)
    {
        var token = await fixture.StaffTokenAsync("staff");
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/notifications?since=" + Uri.EscapeDataString(since), token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("ISO 8601", problem.GetProperty("errors").GetProperty("since")[0].GetString());
    }

    [Fact]
    public async Task A_since_more_than_7_days_back_is_a_400_naming_it()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var response = await GetAsync(fixture, token, fixture.Clock.GetUtcNow().AddDays(-8));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("7 dagen", problem.GetProperty("errors").GetProperty("since")[0].GetString());
    }

    [Fact]
    public async Task The_catch_up_is_for_staff_only_and_checks_the_token_first()
    {
        var response = await fixture.Client.GetAsync("/api/staff/notifications?since=gisteren");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(fixture, await fixture.StaffTokenAsync("supervisor"))).StatusCode);
    }

    [Fact]
    public async Task The_purge_removes_notifications_after_the_retention_period_only()
    {
        fixture.FreshDay();
        var old = New(fixture);
        await DeliverNowAsync(fixture, old);
        fixture.Clock.Advance(TimeSpan.FromDays(29));
        var recent = New(fixture);
        await DeliverNowAsync(fixture, recent);
        fixture.Clock.Advance(TimeSpan.FromDays(2)); // old is now 31 days old (retention 30), recent 2

        await RunAsync(fixture, nameof(PurgeStaffNotifications));

        Assert.Empty(await RowsAsync(fixture, old));
        Assert.Single(await RowsAsync(fixture, recent));
    }
}
