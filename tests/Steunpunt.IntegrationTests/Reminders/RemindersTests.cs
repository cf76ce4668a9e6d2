using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.Reminders;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.IntegrationTests.Reminders;

/// <summary>Appointments and their SMS reminders through the local host, Azurite and the SMS emulator, with the fake clock.</summary>
[Collection(LocalHostCollection.Name)]
public class RemindersTests(LocalHostFixture fixture)
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static string NewPhone() => "+3161" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    private DateTime LocalNow => TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), Amsterdam).DateTime;

    /// <summary>A local wall-clock time <paramref name="days"/> days from the local date now.</summary>
    private DateTime LocalDay(int days, int hour, int minute = 0) => LocalNow.Date.AddDays(days).AddHours(hour).AddMinutes(minute);

    private static DateTimeOffset Instant(DateTime local) => new(local, Amsterdam.GetUtcOffset(local));

    private static string Text(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private void AdvanceTo(DateTimeOffset instant)
    {
        var now = fixture.Clock.GetUtcNow();
        Assert.True(instant > now, $"The clock cannot go back to {instant:O} from {now:O}.");
        fixture.Clock.Advance(instant - now);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string? token = null)
    {
        var request = fixture.StaffRequest(method, url, token ?? await fixture.StaffTokenAsync("staff"));
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonDefaults.Web);
        return await fixture.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Creates an appointment in the reminder arm (one that falls in the control arm is cancelled and another made).</summary>
    private async Task<JsonElement> CreateInReminderArmAsync(DateTime local, string phone, string kind = "office", string? place = "Stationsplein 1, Utrecht", string language = "nl")
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/staff/appointments", new { startsAt = Text(local), kind, place, phoneNumber = phone, consentToSms = true, language });
            var body = await JsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            if (body.GetProperty("arm").GetString() == ExperimentArm.Reminder) return body;
            (await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{body.GetProperty("id").GetString()}/cancel", null)).EnsureSuccessStatusCode();
        }
        throw new InvalidOperationException("No appointment fell in the reminder arm.");
    }

    private async Task SweepAsync()
        => (await fixture.Client.PostAsync("/admin/functions/SweepReminders", null)).EnsureSuccessStatusCode();

    private Task<List<OutboxItem>> SmsAsync(string phone) => fixture.OutboxAsync(DevOutbox.Sms, phone);

    /// <summary>The reminder rows of an appointment, once none is scheduled-and-due or queued any more.</summary>
    private async Task<List<TableEntity>> SettledRowsAsync(string appointmentId)
        => await LocalHostFixture.EventuallyAsync(async () =>
        {
            var rows = new List<TableEntity>();
            var table = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.ReminderSchedule);
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.GetString("AppointmentId") == appointmentId)) rows.Add(row);
            var now = fixture.Clock.GetUtcNow();
            return rows.Any(r => r.GetString("Status") == ReminderStatus.Scheduled && r.GetDateTimeOffset("DueAt") <= now) ? null : rows;
        }, "the reminders to settle");

    /// <summary>
    /// The SMS sent to <paramref name="phone"/>, which must be <paramref name="count"/>, once the reminder queue is drained:
    /// the sweep (run synchronously) and the tests queue before this, and a message leaves the queue only once its send is
    /// done, so no other SMS is still on its way.
    /// </summary>
    private async Task<List<OutboxItem>> ExactlyAsync(string phone, int count)
    {
        await fixture.DrainedAsync(StorageNames.Queues.SmsReminders);
        var sms = await SmsAsync(phone);
        Assert.Equal(count, sms.Count);
        return sms;
    }

    [Fact]
    public async Task Reminders_go_out_at_each_lead_time_once_and_say_when_and_where()
    {
        var phone = NewPhone();
        var start = LocalDay(3, 14, 30);
        var appointment = await CreateInReminderArmAsync(start, phone);
        var id = appointment.GetProperty("id").GetString()!;
        Assert.Equal([Instant(start).AddHours(-24), Instant(start).AddHours(-2)], appointment.GetProperty("remindersDue").EnumerateArray().Select(e => e.GetDateTimeOffset()));

        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(-1));
        await SweepAsync();
        await ExactlyAsync(phone, 0);

        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(2));
        await SweepAsync();
        await SweepAsync();
        var first = (await ExactlyAsync(phone, 1)).Single();
        Assert.Contains(start.ToString("d MMMM 'om' HH:mm", CultureInfo.GetCultureInfo("nl-NL")), first.Text);
        Assert.Contains("Stationsplein 1, Utrecht", first.Text);
        Assert.Contains("Bel 0900-0101", first.Text);
        Assert.Equal($"reminder/{id}/1440", first.Tag);

        AdvanceTo(Instant(start).AddHours(-2).AddMinutes(3));
        await SweepAsync();
        await ExactlyAsync(phone, 2);
        var rows = await SettledRowsAsync(id);
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Sent, r.GetString("Status")));
    }

    [Fact]
    public async Task A_reminder_due_in_the_quiet_hours_goes_out_at_eight()
    {
        var phone = NewPhone();
        var start = LocalDay(3, 9, 0); // the 2 h reminder would be due at 07:00 local
        var appointment = await CreateInReminderArmAsync(start, phone, kind: "home-visit", place: null, language: "en");
        var id = appointment.GetProperty("id").GetString()!;
        var eight = Instant(start.Date.AddHours(8));
        Assert.Contains(eight, appointment.GetProperty("remindersDue").EnumerateArray().Select(e => e.GetDateTimeOffset()));

        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(1));
        await SweepAsync();
        await ExactlyAsync(phone, 1);

        AdvanceTo(Instant(start.Date.AddHours(7).AddMinutes(5)));
        await SweepAsync();
        await ExactlyAsync(phone, 1);

        AdvanceTo(eight.AddMinutes(1));
        await SweepAsync();
        var sms = await ExactlyAsync(phone, 2);
        Assert.Contains("We will visit you at home.", sms[1].Text);
        Assert.Equal($"reminder/{id}/120", sms[1].Tag);
    }

    [Fact]
    public async Task A_reminder_queued_before_nine_but_sent_after_it_waits_until_eight()
    {
        var phone = NewPhone();
        var start = LocalDay(2, 11, 0);
        var id = (await CreateInReminderArmAsync(start, phone)).GetProperty("id").GetString()!;
        var dueRow = (await SettledRowsAsync(id)).Single(r => r.GetInt32("LeadMinutes") == 1440);

        // The 24 h reminder's message, taken off the queue only at 21:30 local (a backlog): no SMS in the quiet hours.
        AdvanceTo(Instant(start.Date.AddDays(-1).AddHours(21).AddMinutes(30)));
        var message = new ReminderMessage(ReminderMessage.CurrentSchemaVersion, id, 1, 1440, dueRow.GetDateTimeOffset("DueAt")!.Value, dueRow.PartitionKey, dueRow.RowKey);
        await fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.SmsReminders).SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));
        var eight = Instant(start.Date.AddHours(8));
        await LocalHostFixture.EventuallyAsync(async () => (await SettledRowsAsync(id)).Any(r => r.GetDateTimeOffset("DueAt") == eight) ? "" : null, "the reminder to move to 08:00");
        await ExactlyAsync(phone, 0);

        AdvanceTo(eight.AddMinutes(1));
        await SweepAsync();
        await ExactlyAsync(phone, 1);
    }

    [Fact]
    public async Task After_hours_of_downtime_the_sweep_catches_up_but_not_for_appointments_that_started()
    {
        var phoneLater = NewPhone();
        var phoneStarted = NewPhone();
        var later = LocalDay(2, 15, 0);
        var earlier = later.AddHours(-3);
        await CreateInReminderArmAsync(later, phoneLater);
        await CreateInReminderArmAsync(earlier, phoneStarted);

        // The timer was down from before the first reminder until just before the later appointment's 2 h reminder... and then some.
        AdvanceTo(Instant(later).AddMinutes(-90)); // "earlier" started 90 minutes ago; "later" starts in 90 minutes
        await SweepAsync();
        // "later": the 24 h and the 2 h reminder are both due and caught up; "earlier" has started: nothing.
        await ExactlyAsync(phoneLater, 2);
        await ExactlyAsync(phoneStarted, 0);
    }

    [Fact]
    public async Task Cancelled_and_moved_appointments_get_no_reminder_for_the_old_time()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var phoneCancelled = NewPhone();
        var phoneMoved = NewPhone();
        var start = LocalDay(2, 16, 0);
        var cancelled = await CreateInReminderArmAsync(start, phoneCancelled);
        var moved = await CreateInReminderArmAsync(start, phoneMoved);
        var movedId = moved.GetProperty("id").GetString()!;

        (await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{cancelled.GetProperty("id").GetString()}/cancel", null, token)).EnsureSuccessStatusCode();
        var newStart = start.AddDays(1).AddHours(-3); // 13:00 the next day
        var update = await SendAsync(HttpMethod.Put, $"/api/staff/appointments/{movedId}", new { startsAt = Text(newStart), kind = "phone", phoneNumber = phoneMoved, consentToSms = true }, token);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(2, (await JsonAsync(update)).GetProperty("version").GetInt32());

        AdvanceTo(Instant(start).AddHours(-2).AddMinutes(1)); // both old reminders due (24 h and 2 h)
        await SweepAsync();
        await ExactlyAsync(phoneCancelled, 0);
        await ExactlyAsync(phoneMoved, 1); // the new 24 h reminder (due 13:00 today), not the old ones
        var sms = (await SmsAsync(phoneMoved)).Single();
        Assert.Contains("Wij bellen u op.", sms.Text);
        Assert.Contains(newStart.ToString("d MMMM 'om' HH:mm", CultureInfo.GetCultureInfo("nl-NL")), sms.Text);
        var rows = await SettledRowsAsync(movedId);
        Assert.Contains(rows, r => r.GetString("Reason") == "moved");

        var again = await SendAsync(HttpMethod.Put, $"/api/staff/appointments/{cancelled.GetProperty("id").GetString()}", new { startsAt = Text(newStart), kind = "office", consentToSms = false }, token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("appointment-cancelled", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Redelivered_messages_and_two_concurrent_sweeps_send_one_sms()
    {
        var phone = NewPhone();
        var start = LocalDay(2, 11, 0);
        var id = (await CreateInReminderArmAsync(start, phone)).GetProperty("id").GetString()!;
        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(1));

        await Task.WhenAll(SweepAsync(), SweepAsync(), SweepAsync());
        await ExactlyAsync(phone, 1);

        // The same queue message again (a redelivery) and a forged second copy: the row is sent, and the key is the same.
        var row = (await SettledRowsAsync(id)).Single(r => r.GetInt32("LeadMinutes") == 1440);
        var message = new ReminderMessage(ReminderMessage.CurrentSchemaVersion, id, 1, 1440, row.GetDateTimeOffset("DueAt")!.Value, row.PartitionKey, row.RowKey);
        var queue = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.SmsReminders);
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));
        await ExactlyAsync(phone, 1);

        // A crash after the send but before the row was marked: the row is still "scheduled" and the message comes again.
        // The send is repeated with the same idempotency key, and the SMS service drops it.
        var table = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.ReminderSchedule);
        await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = ReminderStatus.Scheduled }, Azure.ETag.All, TableUpdateMode.Merge);
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));
        await LocalHostFixture.EventuallyAsync(async () => (await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey)).Value.GetString("Status") == ReminderStatus.Sent ? "" : null, "the repeat to be handled");
        await ExactlyAsync(phone, 1);
    }

    [Fact]
    public async Task A_stop_reply_blocks_further_reminders_to_that_number()
    {
        var phone = NewPhone();
        var start = LocalDay(2, 12, 0);
        var id = (await CreateInReminderArmAsync(start, phone)).GetProperty("id").GetString()!;
        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(1));
        await SweepAsync();
        await ExactlyAsync(phone, 1);

        var reply = await fixture.Client.PostAsJsonAsync("/dev/sms/inbound", new { from = phone, to = "+3197010000001", message = "  stop " });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var optOuts = fixture.Services.GetRequiredService<SmsOptOuts>();
        await LocalHostFixture.EventuallyAsync(async () => await optOuts.IsOptedOutAsync(phone, CancellationToken.None) ? "" : null, "the STOP to be recorded");
        var hashes = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.SmsOptOuts);
        await foreach (var row in hashes.QueryAsync<TableEntity>()) Assert.DoesNotContain(phone.TrimStart('+'), row.PartitionKey + string.Join(",", ((IDictionary<string, object>)row).Values));

        AdvanceTo(Instant(start).AddHours(-2).AddMinutes(1));
        await SweepAsync();
        await ExactlyAsync(phone, 1);
        Assert.Contains(await SettledRowsAsync(id), r => r.GetString("Reason") == "opted-out");
    }

    [Fact]
    public async Task A_failed_delivery_raises_a_staff_notification()
    {
        var phone = NewPhone();
        var start = LocalDay(2, 13, 0);
        var id = (await CreateInReminderArmAsync(start, phone)).GetProperty("id").GetString()!;
        await fixture.InjectAsync(new FaultRule { Target = "sms", DeliveryStatus = "Failed", Recipient = phone });

        AdvanceTo(Instant(start).AddHours(-24).AddMinutes(1));
        // Connect the staff console after the clock moved, so its token is valid at the (fake) time of the push.
        var staff = await Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit.StaffAsync(fixture, "Femke " + Guid.NewGuid().ToString("N")[..6]);
        await using var console = await Steunpunt.IntegrationTests.Chat.ChatTestKit.ConnectStaffAsync(fixture, staff);
        await SweepAsync();
        var sms = (await ExactlyAsync(phone, 1)).Single();
        Assert.Equal("Failed", sms.DeliveryStatus);

        var notification = await console.WaitForAsync("notification", e => e.GetProperty("kind").GetString() == "sms-failed"
            && e.GetProperty("reference").GetString() == id, "the sms-failed notification");
        Assert.Equal("1440", notification.GetProperty("details").GetProperty("leadMinutes").GetString());
        Assert.DoesNotContain(phone.TrimStart('+'), notification.ToString());
        var reports = fixture.Services.GetRequiredService<Steunpunt.Connectors.Events.SmsDeliveryReports>();
        var report = await LocalHostFixture.EventuallyAsync(() => reports.FindAsync(sms.Id!, CancellationToken.None), "the delivery report");
        Assert.Equal($"reminder/{id}/1440", report!.Tag);
        Assert.Contains(await SettledRowsAsync(id), r => r.GetString("MessageId") == sms.Id);
    }

    [Fact]
    public async Task Phone_numbers_are_erased_after_the_retention_period_and_outcomes_stay()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var start = LocalDay(1, 10);
        var created = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/staff/appointments", new { startsAt = Text(start), kind = "office", consentToSms = true, phoneNumber = NewPhone() }, token));
        var id = created.GetProperty("id").GetString()!;
        AdvanceTo(Instant(start).AddHours(1));
        (await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{id}/outcome", new { outcome = "attended" }, token)).EnsureSuccessStatusCode();

        (await fixture.Client.PostAsync("/admin/functions/PurgeAppointmentPhones", null)).EnsureSuccessStatusCode();
        Assert.NotEqual(JsonValueKind.Null, (await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/staff/appointments/{id}", null, token))).GetProperty("phoneNumber").ValueKind);

        AdvanceTo(Instant(start).AddDays(15));
        (await fixture.Client.PostAsync("/admin/functions/PurgeAppointmentPhones", null)).EnsureSuccessStatusCode();
        var after = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/staff/appointments/{id}", null, token));
        Assert.False(after.TryGetProperty("phoneNumber", out var number) && number.ValueKind == JsonValueKind.String);
        Assert.Equal("attended", after.GetProperty("outcome").GetString());
        var row = (await fixture.RowsAsync(StorageNames.Tables.Appointments, id)).Single();
        Assert.Equal("", row.GetString("Phone"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_and_nothing_is_stored()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var future = Text(LocalDay(5, 14));
        var year = LocalNow.Year + 1;
        var springGap = LastSundayOf(new DateTime(year, 3, 31)).AddHours(2).AddMinutes(30);
        // The next autumn overlap (within a year, as appointments may be planned at most a year ahead).
        var autumnOverlap = LastSundayOf(new DateTime(year - 1, 10, 31)).AddHours(2).AddMinutes(30);
        if (autumnOverlap < LocalNow.AddDays(1)) autumnOverlap = LastSundayOf(new DateTime(year, 10, 31)).AddHours(2).AddMinutes(30);
        var cases = new (object Body, string Field)[]
        {
            (new { startsAt = Text(LocalNow.AddHours(-1)), kind = "office", consentToSms = true, phoneNumber = NewPhone() }, "startsAt"),
            (new { startsAt = Text(springGap), kind = "office", consentToSms = true, phoneNumber = NewPhone() }, "startsAt"),
            (new { startsAt = Text(autumnOverlap), kind = "office", consentToSms = true, phoneNumber = NewPhone() }, "startsAt"),
            (new { startsAt = future, kind = "office", consentToSms = true, phoneNumber = "020 123 4567" }, "phoneNumber"), // landline
            (new { startsAt = future, kind = "office", consentToSms = true, phoneNumber = "0900 1234567" }, "phoneNumber"), // premium
            (new { startsAt = future, kind = "office", consentToSms = true, phoneNumber = "+44 909 8790000" }, "phoneNumber"), // foreign premium
            (new { startsAt = future, kind = "office", consentToSms = true }, "phoneNumber"),
            (new { startsAt = future, kind = "court", consentToSms = false }, "kind"),
            (new { startsAt = future, kind = "office", consentToSms = false, language = "de" }, "language"),
            (new { startsAt = future, kind = "office", consentToSms = false, place = new string('x', 500) }, "place"),
        };
        var stats = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.AppointmentStats);
        var before = await CountAsync(stats);
        foreach (var (body, field) in cases)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/staff/appointments", body, token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{field}: {JsonSerializer.Serialize(body)}");
        }
        var unknownMember = await SendAsync(HttpMethod.Post, "/api/staff/appointments", new { startsAt = future, kind = "office", consentToSms = false, reason = "inbraak" }, token);
        Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
        Assert.Equal(before, await CountAsync(stats));

        var withOffset = await SendAsync(HttpMethod.Post, "/api/staff/appointments", new { startsAt = Text(autumnOverlap) + "+01:00", kind = "phone", consentToSms = false }, token);
        Assert.Equal(HttpStatusCode.Created, withOffset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.PostAsJsonAsync("/api/staff/appointments", new { startsAt = future, kind = "office", consentToSms = false })).StatusCode);
    }

    [Fact]
    public async Task Outcomes_give_the_no_show_rate_per_arm_with_intervals_and_a_test()
    {
        var token = await fixture.StaffTokenAsync("staff");
        fixture.FreshDay(); // tomorrow is then later than any day an earlier test planned on
        var start = LocalDay(1, 10);
        var ids = new List<(string Id, string Arm)>();
        for (var i = 0; i < 12; i++)
        {
            var created = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/staff/appointments", new { startsAt = Text(start), kind = "office", consentToSms = false }, token));
            ids.Add((created.GetProperty("id").GetString()!, created.GetProperty("arm").GetString()!));
        }
        var early = await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{ids[0].Id}/outcome", new { outcome = "no-show" }, token);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        AdvanceTo(Instant(start).AddHours(1));
        var expected = new Dictionary<string, (int N, int NoShows)> { ["reminder"] = (0, 0), ["control"] = (0, 0) };
        for (var i = 0; i < ids.Count; i++)
        {
            var outcome = i % 3 == 0 ? "no-show" : "attended";
            (await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{ids[i].Id}/outcome", new { outcome }, token)).EnsureSuccessStatusCode();
            var (n, x) = expected[ids[i].Arm];
            expected[ids[i].Arm] = (n + 1, x + (outcome == "no-show" ? 1 : 0));
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, $"/api/staff/appointments/{ids[0].Id}/outcome", new { outcome = "late" }, token)).StatusCode);

        // Only this test writes appointments on this (fresh) local day.
        var day = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var insights = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/insights/reminders?from={day}&to={day}", null, token));
        Assert.Equal(["control", "reminder"], insights.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("arm").GetString()).Order());
        foreach (var arm in insights.GetProperty("arms").EnumerateArray())
        {
            var (n, x) = expected[arm.GetProperty("arm").GetString()!];
            Assert.Equal(n, arm.GetProperty("withOutcome").GetInt32());
            Assert.Equal(x, arm.GetProperty("noShows").GetInt32());
            if (n == 0) continue;
            var rate = arm.GetProperty("noShowRate").GetDouble();
            Assert.Equal((double)x / n, rate, 1e-9);
            var interval = arm.GetProperty("noShowRateCi95");
            Assert.InRange(rate, interval.GetProperty("low").GetDouble(), interval.GetProperty("high").GetDouble());
        }
        // The two-proportion test of the arms, once both have outcomes.
        if (expected.Values.All(v => v.N > 0))
        {
            Assert.InRange(insights.GetProperty("test").GetProperty("pValue").GetDouble(), 0, 1);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Get, "/api/insights/reminders?from=2026-13-01", null, token)).StatusCode);
    }

    private static DateTime LastSundayOf(DateTime lastDayOfMonth)
    {
        var day = lastDayOfMonth.Date;
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return day;
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        return count;
    }
}
